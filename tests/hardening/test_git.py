"""git as a tool, not a host: ``--base`` runs none of the commands a data repository configures.

The repository's ``.git/config`` sets ``core.fsmonitor``, a pager, an external diff, a textconv
and a clean filter (with ``.gitattributes`` naming them), and a hook path; each command would
create a marker file. ``audit check --base HEAD`` and ``audit rules diff HEAD`` must still work
(the edit is seen) and no marker may appear. A ``GIT_DIR`` in the caller's environment is ignored.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hardening.bounded import audit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
COMMANDS = ("fsmonitor", "pager", "external", "textconv", "clean", "hook")


def _git(repo: Path, *args: str) -> None:
    identity = ("-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false")
    subprocess.run(["git", *identity, "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def hostile_repo(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    markers = tmp_path / "markers"
    markers.mkdir()
    hooks = root / "hooks"
    hooks.mkdir()
    for name in ("post-index-change", "reference-transaction", "pre-auto-gc"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {markers}/hook\n")
        (hooks / name).chmod(0o755)
    config = {
        "core.fsmonitor": f"touch {markers}/fsmonitor; true",
        "core.pager": f"touch {markers}/pager; cat",
        "core.hooksPath": str(hooks),
        "diff.external": f"sh -c 'touch {markers}/external'",
        "diff.evil.textconv": f"sh -c 'touch {markers}/textconv; cat \"$0\"'",
        "filter.evil.clean": f"sh -c 'touch {markers}/clean; cat'",
    }
    for key, value in config.items():
        _git(root, "config", key, value)
    (root / ".gitattributes").write_text("* diff=evil filter=evil\n")
    profile = root / "jurisdictions" / "ruritania.yaml"
    profile.write_text(profile.read_text().replace("region: Fiction", "region: Fiction edited"))
    return root, markers


def test_check_base_runs_no_command_of_the_repository(hostile_repo: tuple[Path, Path]) -> None:
    root, markers = hostile_repo
    done = audit("check", "--data", root, "--base", "HEAD", cwd=root, env={"GIT_DIR": "/nonexistent"})
    assert done.returncode in (0, 1), done.stderr
    assert "Findings changed since HEAD" in done.stdout
    assert sorted(p.name for p in markers.iterdir()) == []


def test_the_edit_is_still_seen(hostile_repo: tuple[Path, Path]) -> None:
    from trafficking_audit.check.gitbase import changed_profiles

    root, markers = hostile_repo
    assert changed_profiles(root, "HEAD", root / "jurisdictions") == ["jurisdictions/ruritania.yaml"]
    assert sorted(p.name for p in markers.iterdir()) == []


def test_rules_diff_runs_no_command_of_the_repository(hostile_repo: tuple[Path, Path]) -> None:
    root, markers = hostile_repo
    done = audit("rules", "diff", "HEAD", "--data", root, cwd=root)
    assert done.returncode in (0, 1), done.stderr
    assert sorted(p.name for p in markers.iterdir()) == []
