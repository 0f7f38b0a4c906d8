"""``audit rules diff REV`` on a temporary git repository: rules added, removed and changed, and findings moved."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "fixtures" / "data"
CORE = Path("rules") / "core.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
        + ["-C", str(repo), *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture data committed as the first revision of a new repository."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / CORE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff(cli, repo: Path, *extra: str) -> dict:
    result = cli("rules", "diff", "HEAD", "--data", repo, "--as-of", "2025-01-01", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_no_change_lists_nothing(cli, repo):
    report = diff(cli, repo)
    assert report["rules"] == []
    assert {p["jurisdiction"] for p in report["profiles"]} == {"ruritania", "freedonia"}
    assert all(p["findings"] == [] and p["changed"] == 0 for p in report["profiles"])


def test_a_changed_condition_and_obligation_move_the_findings(cli, repo):
    # Ruritania's means are [force, coercion] and constituent on 2025-01-01: asking also for fraud makes it partial.
    edit(repo, "contains: [force, coercion]}", "contains: [force, coercion, fraud]}")
    edit(
        repo,
        '    obligation: mandatory\n    citations:\n      - {instrument: palermo-protocol, article: "3(a)"',
        '    obligation: should\n    citations:\n      - {instrument: palermo-protocol, article: "3(b)"',
    )
    report = diff(cli, repo)
    (change,) = report["rules"]
    assert change["rule"] == "means-core-elements" and change["change"] == "changed"
    assert change["aspects"][:3] == ["condition", "obligation", "citations"]
    assert (change["obligation_before"], change["obligation_after"]) == ("mandatory", "should")
    assert change["citations_added"] == ["palermo-protocol 3(b)"]
    assert change["citations_removed"] == ["palermo-protocol 3(a)"]
    by_id = {p["jurisdiction"]: p for p in report["profiles"]}
    (shift,) = by_id["ruritania"]["findings"]
    assert shift == {
        "rule": "means-core-elements",
        "status_before": "met",
        "status_after": "partially_met",
        "obligation_before": "mandatory",
        "obligation_after": "should",
    }
    # Freedonia records fraud: its outcome stays met, but the obligation moved, so the finding is listed.
    (other,) = by_id["freedonia"]["findings"]
    assert (other["status_before"], other["status_after"]) == ("met", "met")
    assert by_id["freedonia"]["changed"] == 1


def test_added_and_removed_rules_are_counted(cli, repo):
    text = (repo / CORE).read_text(encoding="utf-8")
    start = text.index("  - id: eu-only")
    end = text.index("  - id: ratification-core")
    removed = text[start:end]
    text = text[:start] + text[end:] + removed.replace("id: eu-only", "id: eu-only-renamed")
    (repo / CORE).write_text(text, encoding="utf-8")
    report = diff(cli, repo)
    kinds = {c["rule"]: c["change"] for c in report["rules"]}
    assert kinds == {"eu-only-renamed": "added", "eu-only": "removed"}
    for profile in report["profiles"]:
        assert (profile["changed"], profile["added"], profile["removed"]) == (0, 1, 1)


def test_terminal_and_markdown_name_the_change(cli, repo):
    edit(repo, "contains: [force, coercion]}", "contains: [force, coercion, fraud]}")
    terminal = cli("rules", "diff", "HEAD", "--data", repo, "--as-of", "2025-01-01")
    assert terminal.exit_code == 0, terminal.output
    assert "changed  means-core-elements: condition" in terminal.stdout
    assert "Ruritania (ruritania): 1 changed, 0 added, 0 removed" in terminal.stdout
    md = cli("rules", "diff", "HEAD", "--data", repo, "--as-of", "2025-01-01", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| `means-core-elements` | changed | condition |" in md.stdout
    assert "| Ruritania (`ruritania`) | 1 | 0 | 0 |" in md.stdout


def test_bad_revisions_are_usage_errors(cli, repo, tmp_path):
    unknown = cli("rules", "diff", "no-such-rev", "--data", repo)
    assert unknown.exit_code == 2
    assert "rules diff no-such-rev: unknown git revision" in unknown.stderr
    option = cli("rules", "diff", "--data", repo, "--", "--upload-pack=x")
    assert option.exit_code == 2
    outside = tmp_path / "plain"
    shutil.copytree(DATA, outside)
    plain = cli("rules", "diff", "HEAD", "--data", outside)
    assert plain.exit_code == 2
    assert "not inside a git repository" in plain.stderr


def test_rules_that_did_not_load_at_the_revision_are_reported(cli, repo):
    (repo / CORE).write_text("area: fixture\nrules: [{id: broken}]\n", encoding="utf-8")
    git(repo, "commit", "-qam", "broken rules")
    shutil.copy(DATA / CORE, repo / CORE)
    result = cli("rules", "diff", "HEAD", "--data", repo)
    assert result.exit_code == 2
    assert "the rules at that revision do not load" in result.stderr


def test_fields_the_rule_schema_no_longer_has_are_left_out_with_a_note(cli, repo):
    edit(repo, "    severity: critical\n", "    severity: critical\n    retired_field: something\n")
    git(repo, "commit", "-qam", "a rule with a field the schema does not have")
    shutil.copy(DATA / CORE, repo / CORE)
    report = diff(cli, repo)
    assert report["notes"] == [
        "retired_field, no longer a field of rules, was left out of 1 rule(s) at HEAD: means-core-elements"
    ]
    assert report["rules"] == []


def test_a_retired_binding_if_grades_the_old_findings_as_that_rulebook_did(cli, repo):
    # At the revision the rule bound EU members only; Ruritania (not a member) had it as good practice then,
    # and the rule's Palermo citation makes it mandatory now: the removal of binding_if is a finding shift.
    edit(repo, "    severity: critical\n", "    severity: critical\n    binding_if: {fact: memberships.eu, is: true}\n")
    git(repo, "commit", "-qam", "a rule bound by hand to EU members")
    shutil.copy(DATA / CORE, repo / CORE)
    report = diff(cli, repo)
    by_id = {p["jurisdiction"]: p for p in report["profiles"]}
    (shift,) = by_id["ruritania"]["findings"]
    assert shift["rule"] == "means-core-elements"
    assert (shift["obligation_before"], shift["obligation_after"]) == ("good-practice", "mandatory")
    assert shift["status_before"] == shift["status_after"]
    # Freedonia is a member: bound then and now, so nothing moves for it.
    assert by_id["freedonia"]["findings"] == []
    (note,) = report["notes"]
    assert note.startswith("binding_if, no longer a field of rules, was left out of 1 rule(s) at HEAD")
    assert "apply it as that rulebook did" in note
