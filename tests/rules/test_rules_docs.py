"""`docs/rules.md` is generated from the rule files by `audit rules docs` and must be current."""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.app.rulebook import rulebook_docs
from trafficking_audit.render import render
from trafficking_audit.render.rule_text import RULE_SECTIONS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "rules.md"
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
REGENERATE = "audit rules docs --output docs/rules.md"


def test_docs_rules_md_is_current(session) -> None:
    expected = render("md", rulebook_docs(session.rulebook), kind="rulebook_docs")
    assert DOCS.is_file(), f"docs/rules.md is missing; run: {REGENERATE}"
    assert DOCS.read_text(encoding="utf-8") == expected, f"docs/rules.md is stale; run: {REGENERATE}"


def test_docs_have_an_index_and_every_section_of_every_rule(session) -> None:
    text = render("md", rulebook_docs(session.rulebook), kind="rulebook_docs")
    for rule in session.rulebook.rules:
        assert f"| [`{rule.id}`](#{rule.id}) |" in text
        start = text.index(f"\n### {rule.id}\n")
        end = text.find("\n### ", start + 1)
        page = text[start:] if end < 0 else text[start:end]
        for section in RULE_SECTIONS:
            assert f"\n#### {section}\n" in page, (rule.id, section)


def test_docs_command_writes_and_checks(cli, tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    written = cli("rules", "docs", "--data", FIXTURE_DATA, "--output", target)
    assert written.exit_code == 0, written.stderr
    assert "### means-core-elements" in target.read_text(encoding="utf-8")
    current = cli("rules", "docs", "--data", FIXTURE_DATA, "--output", target, "--check")
    assert current.exit_code == 0, current.stderr
    target.write_text(target.read_text(encoding="utf-8").replace("Means are", "Means were"), encoding="utf-8")
    stale = cli("rules", "docs", "--data", FIXTURE_DATA, "--output", target, "--check")
    assert stale.exit_code == 1
    assert "is out of date; run: audit rules docs --output" in stale.stderr
    assert "Means were" in target.read_text(encoding="utf-8")  # --check writes nothing
