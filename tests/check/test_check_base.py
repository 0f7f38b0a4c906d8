"""``audit check --base REV`` on a temporary git repository: the findings a profile edit changes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BASE_DATA = HERE.parent / "fixtures" / "check" / "base"
PROFILE = Path("jurisdictions") / "antarctica-fixture.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-C",
            str(repo),
            *args,
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture data committed as the first revision of a new repository."""
    root = tmp_path / "data"
    shutil.copytree(BASE_DATA, root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(repo: Path, marker: str, replacement: str) -> None:
    """Replace the line marked `# EDIT <marker>` in the profile."""
    path = repo / PROFILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [replacement + "\n" if line.rstrip().endswith(f"# EDIT {marker}") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


def test_no_edit_no_change(cli, repo):
    result = cli("check", "--data", repo, "--base", "HEAD", "--fail-on-regression")
    assert result.exit_code == 0, result.output
    assert "Findings changed since HEAD" in result.stdout
    assert "0 finding(s) changed since HEAD, 0 worse" in result.stdout


def test_regression_is_reported_with_facts_and_sources_and_fails_when_asked(cli, repo):
    edit(repo, "palermo", "    status: {value: signed_only, sources: [record]}")
    result = cli("check", "--data", repo, "--base", "HEAD", "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output  # reported, but not failing without --fail-on-regression
    out = result.stdout
    assert "antarctica-fixture.yaml:18:5: antarctica-fixture: fixture-ratification" in out
    assert "met -> partially_met [regression]" in out
    assert "treaties.palermo-protocol.status: party -> signed_only; sources: record: Treaty record" in out
    failing = cli("check", "--data", repo, "--base", "HEAD", "--fail-on-regression")
    assert failing.exit_code == 1


def test_improvement_is_reported_but_never_fails(cli, repo):
    edit(repo, "offence", '  exists: {value: true, provision: "Criminal Code Art. 1", sources: [code]}')
    result = cli("check", "--data", repo, "--base", "HEAD", "--fail-on-regression", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["base"] == "HEAD"
    assert report["regressions"] == 0
    (change,) = report["changes"]
    assert (change["rule"], change["before"], change["after"], change["regression"]) == (
        "fixture-offence-exists",
        "unknown",
        "met",
        False,
    )
    (fact,) = change["facts"]
    assert fact["fact"] == "offence.exists"
    assert (fact["before"], fact["after"], fact["provision"]) == (None, True, "Criminal Code Art. 1")
    assert [s["id"] for s in fact["sources"]] == ["code"]


def test_regression_in_github_and_sarif_formats(cli, repo):
    edit(repo, "palermo", "    status: {value: not_signed, sources: [record]}")
    github = cli("check", "--data", repo, "--base", "HEAD", "--fail-on-regression", "--format", "github")
    assert github.exit_code == 1
    assert "::error file=" in github.stdout and "title=finding fixture-ratification::" in github.stdout
    sarif = json.loads(cli("check", "--data", repo, "--base", "HEAD", "--format", "sarif").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "finding-regression"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 18


def test_unknown_revision_and_no_repository_are_usage_errors(cli, repo, tmp_path):
    assert cli("check", "--data", repo, "--base", "no-such-branch").exit_code == 2
    assert cli("check", "--data", repo, "--base", "--help-me").exit_code == 2
    plain = tmp_path / "plain"
    shutil.copytree(BASE_DATA, plain)
    assert cli("check", "--data", plain, "--base", "HEAD").exit_code == 2


def test_a_profile_invalid_at_the_base_is_noted_not_compared(cli, repo):
    path = repo / PROFILE
    path.write_text(path.read_text(encoding="utf-8").replace("iso3: ATA", "iso3: ata"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(path.read_text(encoding="utf-8").replace("iso3: ata", "iso3: ATA"), encoding="utf-8")
    result = cli("check", "--data", repo, "--base", "HEAD")
    assert result.exit_code == 0, result.output
    assert "note: " in result.stdout and "not compared" in result.stdout
