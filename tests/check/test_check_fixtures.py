"""Data-driven tests in the manner of check-jsonschema: every positive fixture passes, every
negative fixture fails with the code and position its first line announces
(``# expect: CODE LINE:COL``). New fixture files are picked up automatically."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from trafficking_audit.app.rulebook_cache import load_for_check
from trafficking_audit.check.runner import run_check
from trafficking_audit.load.data import locate
from trafficking_audit.models.check import CODES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE.parent / "fixtures" / "check"
POSITIVE = sorted((FIXTURES / "positive").glob("*.yaml"))
NEGATIVE = sorted((FIXTURES / "negative").glob("*.yaml"))
TODAY = dt.date(2026, 1, 1)
EXPECT = re.compile(r"^# expect: (?P<code>[a-z0-9-]+) (?P<line>\d+):(?P<col>\d+)\s*$")

# The checks of audit check itself (loader codes come from the loader's own tests).
SEMANTIC_CODES = list(CODES)[list(CODES).index("period-backwards") :]


def expectation(path: Path) -> tuple[str, int, int]:
    """The code, line and column a negative fixture announces on its first line."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    match = EXPECT.match(first)
    assert match, f"{path.name}: the first line must be '# expect: CODE LINE:COL'"
    return match["code"], int(match["line"]), int(match["col"])


def check(path: Path, strict: bool = False):
    # The rulebook as `audit check` gets it (from the rulebook cache: parsed once, a fresh copy each check).
    return run_check([path], locate(ROOT), TODAY, strict=strict, rulebook_of=load_for_check)


def test_there_are_enough_fixtures():
    assert len(NEGATIVE) >= 20
    assert POSITIVE


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.name)
def test_positive_fixture_passes_without_any_problem(path: Path):
    report = check(path, strict=True)
    assert report.problems == [], "\n".join(p.message for p in report.problems)
    assert report.passed


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.name)
def test_negative_fixture_fails_with_expected_code_and_position(path: Path):
    code, line, col = expectation(path)
    assert code in CODES, f"{code} is not a documented check code"
    report = check(path, strict=True)
    assert not report.passed
    found = [(p.code, p.line, p.col) for p in report.problems]
    assert (code, line, col) in found, f"expected {code} at {line}:{col}, got {found}"


def test_every_semantic_check_has_a_negative_fixture():
    announced = {expectation(path)[0] for path in NEGATIVE}
    missing = [code for code in SEMANTIC_CODES if code not in announced]
    assert missing == []


def test_negative_folder_fails_and_positive_folder_passes_on_the_command_line(cli):
    negative = cli("check", "--data", ROOT, FIXTURES / "negative")
    assert negative.exit_code == 1
    assert "[yaml-duplicate-key]" in negative.stdout
    positive = cli("check", "--strict", "--data", ROOT, FIXTURES / "positive")
    assert positive.exit_code == 0, positive.output
