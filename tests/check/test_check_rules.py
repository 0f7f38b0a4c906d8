"""Rule-file checks: every broken rule of a file at once, duplicates across files, and a broken
catalogue that must not be blamed on the rules."""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.check.rules import check_catalogue, check_rule_files
from trafficking_audit.load.yamlsource import load_yaml, parse_yaml

HERE = Path(__file__).resolve().parent
BASE = HERE.parent / "fixtures" / "check" / "base" / "rules"
NEGATIVE = HERE.parent / "fixtures" / "check" / "negative"


def catalogue():
    problems, instruments = check_catalogue(load_yaml(BASE / "instruments.yaml"))
    assert problems == []
    return instruments


def rule(rule_id: str, fact: str = "offence.exists", instrument: str = "palermo-protocol") -> str:
    return f"""\
  - id: {rule_id}
    title: T
    pillar: prosecution
    severity: high
    obligation: mandatory
    citations: [{{instrument: {instrument}, article: "1", strength: mandatory}}]
    summary: S
    rationale: R
    met: {{fact: {fact}, is: true}}
    recommendation: act.
    examples:
      - {{name: present, expect: met, facts: {{offence.exists: true}}}}
      - {{name: absent, expect: not_met, facts: {{offence.exists: false}}}}
      - {{name: unrecorded, expect: unknown, facts: {{}}}}
"""


def test_every_broken_rule_of_a_file_is_reported():
    doc = parse_yaml(
        "area: a\nrules:\n" + rule("r-one", fact="offence.nope") + rule("r-two", instrument="nope") + rule("r-three"),
        "rules/a.yaml",
    )
    found = check_rule_files([doc], catalogue())
    assert [(p.code, p.line) for p in found] == [("unknown-path", 11), ("unknown-instrument", 22)]


def test_duplicate_ids_across_checked_files_and_with_unchecked_files():
    first = parse_yaml("area: a\nrules:\n" + rule("shared"), "rules/a.yaml")
    second = parse_yaml("area: b\nrules:\n" + rule("shared") + rule("elsewhere"), "rules/b.yaml")
    found = check_rule_files([first, second], catalogue(), elsewhere={"elsewhere": "rules/c.yaml"})
    assert [(p.path, p.code, p.line, p.message) for p in found] == [
        ("rules/b.yaml", "duplicate-rule", 3, "duplicate rule id 'shared' (also in rules/a.yaml:3)"),
        ("rules/b.yaml", "duplicate-rule", 17, "duplicate rule id 'elsewhere' (also in rules/c.yaml)"),
    ]


def test_rules_are_not_blamed_for_a_broken_catalogue():
    doc = parse_yaml("area: a\nrules:\n" + rule("r-one", instrument="anything"), "rules/a.yaml")
    assert check_rule_files([doc], None) == []


def test_examples_of_broken_rules_are_not_run():
    doc = parse_yaml("area: a\nrules:\n" + rule("r-one", fact="offence.nope"), "rules/a.yaml")
    assert [p.code for p in check_rule_files([doc], catalogue())] == ["unknown-path"]


def test_catalogue_problems_and_urls():
    problems, instruments = check_catalogue(load_yaml(NEGATIVE / "instruments-duplicate.yaml"))
    assert [p.code for p in problems] == ["duplicate-instrument"]
    assert set(instruments) == {"untoc", "palermo-protocol"}
    bad = parse_yaml("instruments:\n  - {id: x, title: X, short: X, kind: treaty, url: not-a-url}\n", "i.yaml")
    assert [p.code for p in check_catalogue(bad)[0]] == ["bad-url"]
