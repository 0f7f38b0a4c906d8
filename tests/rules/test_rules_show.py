"""`audit rules show`: a page with fixed sections; conditions written out in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trafficking_audit.models.rule import Condition
from trafficking_audit.render.rule_text import RULE_SECTIONS, binding_lines, decision_lines, describe

FIXTURE_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"


def sections_in_order(text: str) -> list[int]:
    return [text.index(section) for section in RULE_SECTIONS]


@pytest.mark.parametrize("fmt", ["terminal", "md"])
def test_bundled_means_core_elements_has_every_section(cli, fmt: str) -> None:
    result = cli("rules", "show", "means-core-elements", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())  # the terminal wraps lines
    positions = sections_in_order(text)
    assert positions == sorted(positions)
    assert "means-core-elements" in text
    assert "Protocol to Prevent, Suppress and Punish Trafficking in Persons" in text  # from instruments.yaml
    assert "offence.means_role" in text


def test_fixture_page_in_markdown(cli) -> None:
    result = cli("rules", "show", "means-core-elements", "--format", "md", "--data", FIXTURE_DATA)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith("# means-core-elements\n")
    assert "## What it checks\n\nMeans are constituent elements for adult victims." in page
    assert "## Why it matters\n\nThe international definition has three elements." in page
    assert "- **Palermo Protocol Art. 3(a)** (definition)" in page
    assert "*Palermo Protocol* (`palermo-protocol`): Protocol to Prevent, Suppress and Punish Trafficking" in page
    assert "Palermo Protocol Art. 3(a): binds each party from the date the treaty is in force for it" in page
    assert "- Met when all of: `offence.means_role` is constituent; `offence.means` contains force, coercion." in page
    assert "- Otherwise partially met when `offence.means_role` is constituent." in page
    assert "Graded *urge* (mandatory)" in page
    assert '> Amend {{ provision or "the criminal code" }} so that means are elements.' in page
    assert "*met*, as of 2025-01-01: expects **✓ Met**." in page
    assert "| `offence.means` | force, coercion |" in page


def test_page_says_whom_each_cited_instrument_binds(cli) -> None:
    result = cli("rules", "show", "reflection-period-30d", "--data", FIXTURE_DATA)
    assert result.exit_code == 0, result.stderr
    words = " ".join(result.stdout.split())
    assert "CETS 197 Art. 13: binds each party from the date the treaty is in force for it" in words
    assert "good practice where none binds" in words


def test_json_page_holds_the_rule(cli) -> None:
    result = cli("rules", "show", "eu-only", "--format", "json", "--data", FIXTURE_DATA)
    assert result.exit_code == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["rule"]["id"] == "eu-only" and page["file"] == "rules/core.yaml" and page["verb"] == "recommend"
    assert list(page["instruments"]) == ["untoc"]


def test_unknown_id_exits_2_with_close_matches(cli) -> None:
    result = cli("rules", "show", "means-core", "--data", FIXTURE_DATA)
    assert result.exit_code == 2
    assert "no rule with id 'means-core' (did you mean: means-core-elements?)" in result.stderr


def test_describe_nests_groups_in_parentheses() -> None:
    condition = Condition.model_validate(
        {
            "all": [
                {"fact": "offence.exists", "is": True},
                {
                    "any": [
                        {"fact": "protection.reflection_period_days", "gte": 30.0},
                        {"fact": "offence.purposes", "contains_any": ["begging", "slavery"]},
                    ]
                },
                {"not": {"fact": "offence.means_role", "in": ["aggravating_only", "not_covered"]}},
            ]
        }
    )
    assert describe(condition, code=lambda p: f"<{p}>") == (
        "all of: <offence.exists> is true; (any of: <protection.reflection_period_days> is at least 30; "
        "<offence.purposes> contains any of begging, slavery); not (<offence.means_role> is one of "
        "aggravating_only, not_covered)"
    )


def test_binding_and_decision_lines_mention_applicability(session) -> None:
    from trafficking_audit.load.loader import load_rulebook

    rule = load_rulebook(FIXTURE_DATA / "rules").get("eu-only")
    book = load_rulebook(FIXTURE_DATA / "rules")
    assert binding_lines(rule, book.instruments) == [
        "UNTOC Art. 31: binds each party from the date the treaty is in force for it (in force since 2003-09-29).",
        "The obligation for a jurisdiction on a date is the strongest among the provisions that bind it then (at most "
        "a should-standard); good practice where none binds; not applicable before any cited provision existed.",
        "The rule applies only where memberships.eu is true.",
        "Elsewhere it is not applicable: the jurisdiction is not an EU Member State.",
    ]
    assert decision_lines(rule)[:3] == [
        "Not applicable unless memberships.eu is true.",
        "Met when prevention.hotline is true.",
        "Otherwise not met.",
    ]
