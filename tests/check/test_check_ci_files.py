"""The pre-commit hook and the example workflow declare what the README promises."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def test_pre_commit_hook_runs_audit_check_on_data_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "audit-check"]
    assert shlex.split(hook["entry"]) == ["audit", "check"]
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("jurisdictions/kazakhstan.yaml") and pattern.search("rules/treaties.yaml")
    assert not pattern.search("tests/fixtures/check/negative/schema.yaml")


def test_workflow_runs_the_check_with_annotations_and_the_tests():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "audit.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "audit check --format github --base origin/main" in steps
    assert any("pytest" in run for run in steps)
    checkout = next(s for job in workflow["jobs"].values() for s in job["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0
