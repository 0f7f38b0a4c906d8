"""`audit rules list`: the issue's 40 rule ids with citations, and the pillar and instrument filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"

# The ids issue 3 requires, exactly as it spells them.
REQUIRED_IDS = [
    "offence-exists",
    "acts-complete",
    "means-core-elements",
    "purposes-complete",
    "consent-irrelevant",
    "child-no-means",
    "child-age-18",
    "no-transnational-requirement",
    "penalty-max-4y",
    "aggravating-core",
    "aggravating-ict",
    "legal-persons-liability",
    "confiscation",
    "extraterritorial-nationality",
    "knowing-use-offence",
    "mla-extradition",
    "joint-investigation-teams",
    "financial-investigation",
    "nrm-unified",
    "assistance-unconditional",
    "assistance-package",
    "reflection-period-30d",
    "residence-permit",
    "non-punishment",
    "compensation",
    "child-safeguards",
    "safe-return",
    "specialised-law",
    "national-coordinator",
    "national-action-plan",
    "independent-monitor",
    "data-collection",
    "civil-society-partnership",
    "training-mandated",
    "awareness-and-hotline",
    "recruitment-fees-ban",
    "demand-reduction",
    "labour-inspection",
    "ratification-core",
    "ratification-complementary",
]


def listed(cli, *args: str) -> list[dict]:
    result = cli("rules", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_issue_names_forty_distinct_ids() -> None:
    assert len(set(REQUIRED_IDS)) == 40


def test_json_lists_every_required_id_with_a_cited_article(cli) -> None:
    rows = {row["id"]: row for row in listed(cli)}
    assert set(REQUIRED_IDS) <= set(rows)
    for rule_id in REQUIRED_IDS:
        row = rows[rule_id]
        assert {"id", "title", "pillar", "severity", "obligation", "citations"} <= set(row)
        assert row["citations"], rule_id
        for citation in row["citations"]:
            assert citation["instrument"] and citation["article"] and citation["strength"], rule_id


def test_filters_on_fixture_rules(cli) -> None:
    data = str(FIXTURE_DATA)
    assert [r["id"] for r in listed(cli, "--data", data)] == [
        "means-core-elements",
        "reflection-period-30d",
        "eu-only",
        "ratification-core",
    ]
    assert [r["id"] for r in listed(cli, "--data", data, "--pillar", "protection")] == ["reflection-period-30d"]
    assert [r["id"] for r in listed(cli, "--data", data, "--instrument", "cets-197")] == ["reflection-period-30d"]
    both = listed(cli, "--data", data, "--instrument", "palermo-protocol", "--pillar", "partnership")
    assert [r["id"] for r in both] == ["ratification-core"]
    assert listed(cli, "--data", data, "--instrument", "untoc", "--pillar", "protection") == []


def test_listed_obligation_is_the_rules_ceiling(cli) -> None:
    rows = {r["id"]: r for r in listed(cli, "--data", str(FIXTURE_DATA))}
    assert rows["reflection-period-30d"]["obligation"] == "mandatory"
    assert rows["eu-only"]["obligation"] == "should"
    assert "conditional" not in rows["reflection-period-30d"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pillar", "policing"], "--pillar policing: expected one of prosecution"),
        (["--instrument", "cets197"], "--instrument cets197: unknown instrument (known: cets-197"),
        (["--format", "html"], "--format html: expected one of terminal, json, md"),
    ],
)
def test_bad_options_exit_2(cli, args: list[str], message: str) -> None:
    result = cli("rules", "list", "--data", str(FIXTURE_DATA), *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("fmt", ["terminal", "md"])
def test_human_formats_name_every_rule(cli, fmt: str) -> None:
    result = cli("rules", "list", "--data", str(FIXTURE_DATA), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    for rule_id in ("means-core-elements", "reflection-period-30d", "eu-only", "ratification-core"):
        assert rule_id in result.stdout
