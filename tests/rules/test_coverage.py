"""``rules/provisions.yaml`` and ``audit rules coverage``: the treaties article by article.

The bundled file must leave no mandatory provision without a rule or a reason; the loader must
refuse claims the rulebook does not bear out (an unknown rule, a rule that does not cite the
provision) at their line; the command must print every format and fail when a gap is left.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trafficking_audit.app.rulebook import rule_coverage
from trafficking_audit.engine.coverage import coverage
from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import load_rulebook
from trafficking_audit.load.provisions import load_provisions
from trafficking_audit.models.provisions import Provision, cited_paths, overlaps
from trafficking_audit.render import RENDERERS, render

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"

# Issue 14, Why item 4: the Palermo and UNTOC provisions that had no rule and must now have one.
MUST_HAVE_RULES = {
    "palermo-protocol": [
        *("5(2)(a)", "5(2)(b)", "5(2)(c)", "6(1)", "6(2)", "6(4)", "6(5)", "8(1)", "8(3)", "8(4)", "9(4)"),
        *("10(1)", "10(3)", "11(1)", "11(2)", "11(3)", "11(4)", "12(a)", "12(b)", "13"),
    ],
    "untoc": [
        *("5(1)", "11(1)", "11(2)", "13(1)", "13(2)", "14(2)", "15(1)", "23", "24(1)", "24(4)", "25(1)", "25(3)"),
        *("26(1)", "27(1)", "31(7)"),
    ],
    # The mandatory paragraphs of the CETS 197 articles Why item 4 names (11(3), 28(5), 33(2) and 34(2) are
    # "shall consider" or "may"; 14(3) obliges nothing; 34(1) has a reason, see provisions.yaml).
    "cets-197": [
        *("7(1)", "7(2)", "7(3)", "7(4)", "7(5)", "7(6)", "8(a)", "8(b)", "9", "11(1)", "11(2)"),
        *("12(3)", "12(4)", "12(7)", "14(2)", "14(4)", "14(5)", "15(1)", "15(2)", "16(1)", "16(3)", "16(4)"),
        *("17", "20(a)", "20(b)", "20(c)", "21(1)", "21(2)", "25", "27(1)", "27(2)", "27(3)"),
        *("28(1)", "28(2)", "28(3)", "28(4)", "30(a)", "30(b)", "31(1)(a)", "31(1)(b)", "31(1)(c)", "31(1)(e)"),
        *("32", "33(1)", "34(3)", "34(4)"),
    ],
}


@pytest.fixture(scope="module")
def book():
    return load_rulebook(RULES)


@pytest.fixture(scope="module")
def catalogue(book):
    loaded = load_provisions(RULES, book)
    assert loaded is not None
    return loaded


def test_every_mandatory_provision_has_a_rule_or_a_reason(book, catalogue):
    report = coverage(book, catalogue)
    gaps = [f"{p.instrument} {p.article}" for p in report.provisions if p.mandatory and p.coverage == "uncovered"]
    assert gaps == []
    assert all(counts.mandatory_uncovered == 0 for counts in report.instruments)


@pytest.mark.parametrize("instrument", sorted(MUST_HAVE_RULES))
def test_the_provisions_the_issue_names_are_assessed_by_rules(catalogue, instrument):
    by_article = {p.article: p for p in catalogue.provisions if p.instrument == instrument}
    missing = [a for a in MUST_HAVE_RULES[instrument] if a not in by_article or not by_article[a].rules]
    assert missing == []


def test_every_listed_rule_cites_its_provision(book, catalogue):
    rules = {rule.id: rule for rule in book.rules}
    for provision in catalogue.provisions:
        for rule_id in provision.rules:
            cited = [c.article for c in rules[rule_id].citations if c.instrument == provision.instrument]
            assert any(overlaps(provision.article, a) for a in cited), (provision.article, rule_id, cited)


@pytest.mark.parametrize(
    ("wording", "qualifier", "strength", "mandatory"),
    [
        ("shall", None, "mandatory", True),
        ("shall", "in appropriate cases", "qualified", True),
        ("shall consider", None, "soft", False),
        ("shall endeavour", None, "soft", False),
        ("may", None, None, False),
        ("defines", None, "definition", False),
        ("states", None, None, False),
    ],
)
def test_the_wording_decides_the_strength(wording, qualifier, strength, mandatory):
    provision = Provision.model_validate(
        {"instrument": "untoc", "article": "24(1)", "wording": wording, "qualifier": qualifier, "note": "n"}
        | {"verified": "text"}
    )
    assert (provision.strength, provision.mandatory) == (strength, mandatory)


@pytest.mark.parametrize(
    ("article", "paths"),
    [
        ("6(3)", [("6", "3")]),
        ("18a", [("18a",)]),
        ("7(1)-(3)", [("7", "1"), ("7", "2"), ("7", "3")]),
        ("31(1)(a)-(c)", [("31", "1", "a"), ("31", "1", "b"), ("31", "1", "c")]),
        ("26(1)(a)(i)-(iii)", [("26", "1", "a", "i"), ("26", "1", "a", "ii"), ("26", "1", "a", "iii")]),
        ("1, 2(1), 3(1)(a)", [("1",), ("2", "1"), ("3", "1", "a")]),
        ("whole handbook (2nd ed., 2022)", []),
    ],
)
def test_citation_articles_are_read_as_references(article, paths):
    assert cited_paths(article) == paths


@pytest.mark.parametrize(
    ("provision", "citation", "expected"),
    [
        ("6(3)", "6(3)", True),
        ("6(3)", "6", True),  # the whole article
        ("6", "6(3)", True),  # a paragraph of the article
        ("6(3)", "6(3)(a)", True),
        ("6(4)", "6(3)", False),
        ("6(4)", "6(3)-(4)", True),
        ("16(1)", "1", False),  # article 1 is not article 16
        ("24(2)", "24(1), 24(4)", False),
        ("18(10)-(12)", "18(11)", True),
    ],
)
def test_a_provision_overlaps_the_citations_that_name_it(provision, citation, expected):
    assert overlaps(provision, citation) is expected


def copy_rules(tmp_path: Path, provisions: str) -> Path:
    """The bundled rules with another provisions.yaml."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "provisions.yaml").write_text(provisions, encoding="utf-8")
    shutil.copytree(ROOT / "jurisdictions", tmp_path / "jurisdictions")
    return rules


ENTRY = """provisions:
  - instrument: palermo-protocol
    article: "6(6)"
    wording: shall
    note: Compensation must be possible.
    verified: text
"""


@pytest.mark.parametrize(
    ("extra", "code", "line", "column"),
    [
        ("    rules: [compensaton]\n", "unknown-rule", 7, 13),
        ("    rules: [compensation, offence-exists]\n", "rule-does-not-cite", 7, 27),
        (
            '  - instrument: palermo-protocol\n    article: "6(6)"\n    wording: may\n'
            "    note: n\n    verified: text\n",
            "duplicate-provision",
            8,
            5,
        ),
        ("    rules: [compensation]\n    not_assessed: both\n", "schema", 2, 5),
    ],
)
def test_claims_the_rulebook_does_not_bear_out_are_positioned_errors(tmp_path, book, extra, code, line, column):
    rules = copy_rules(tmp_path, ENTRY + extra)
    with pytest.raises(InputError) as caught:
        load_provisions(rules, book)
    assert caught.value.code == code
    assert caught.value.position is not None
    assert (caught.value.position.line, caught.value.position.column) == (line, column), str(caught.value)
    assert str(caught.value).startswith(str(rules / "provisions.yaml") + f":{line}:{column}: ") or str(
        caught.value
    ).startswith(f"rules/provisions.yaml:{line}:{column}: ")


def test_an_unknown_rule_id_suggests_the_close_one(tmp_path, book):
    rules = copy_rules(tmp_path, ENTRY + "    rules: [compensaton]\n")
    with pytest.raises(InputError, match="did you mean: compensation"):
        load_provisions(rules, book)


def test_the_command_prints_every_format(cli):
    for fmt in RENDERERS["coverage"]:
        result = cli("rules", "coverage", "--data", ROOT, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "palermo" in result.stdout.lower()


def test_json_gives_the_counts_per_instrument(cli, book, catalogue):
    result = cli("rules", "coverage", "--data", ROOT, "--format", "json", "--instrument", "palermo-protocol")
    data = json.loads(result.stdout)
    assert data["instrument"] == "palermo-protocol"
    assert [i["instrument"] for i in data["instruments"]] == ["palermo-protocol"]
    counts = data["instruments"][0]
    listed = [p for p in catalogue.provisions if p.instrument == "palermo-protocol"]
    assert counts["provisions"] == len(listed) == len(data["provisions"])
    assert counts["mandatory"] == sum(p.mandatory for p in listed)
    assert (
        counts["mandatory_covered"] + counts["mandatory_reason"] + counts["mandatory_uncovered"] == counts["mandatory"]
    )
    assert data["rule_count"] == len(book.rules)


def test_a_mandatory_provision_left_open_fails_the_command(tmp_path, cli):
    copy_rules(tmp_path, ENTRY)
    result = cli("rules", "coverage", "--data", tmp_path)
    assert result.exit_code == 1
    assert "1 uncovered" in result.stdout


def test_an_instrument_without_provisions_is_a_usage_error(cli):
    unknown = cli("rules", "coverage", "--data", ROOT, "--instrument", "no-such-treaty")
    assert unknown.exit_code == 2
    assert "unknown instrument" in unknown.stderr
    unlisted = cli("rules", "coverage", "--data", ROOT, "--instrument", "tvpa")
    assert unlisted.exit_code == 2
    assert "no provisions listed" in unlisted.stderr


def test_a_rules_folder_without_provisions_is_a_usage_error(tmp_path, book):
    rules = copy_rules(tmp_path, "")
    (rules / "provisions.yaml").unlink()
    with pytest.raises(InputError, match="no such file"):
        rule_coverage(rules, book)


def test_markdown_escapes_the_notes(book, catalogue):
    text = render("md", coverage(book, catalogue), kind="coverage")
    assert "| Article | Title | Wording | Strength | Assessed by | What it asks |" in text
    assert "<script" not in text
