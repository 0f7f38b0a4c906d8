"""Shared fixtures: paths relative to this file, a CLI runner, and the bundled data."""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from trafficking_audit.app.session import Session
from trafficking_audit.cli.app import app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
REPORTS = ROOT / "reports"

# Property tests: thorough in CI (1,000 examples, as the hardening tests were written for), quick on a
# developer's machine (50). HYPOTHESIS_PROFILE=ci runs CI's numbers locally.
_LENIENT = {"deadline": None, "suppress_health_check": list(HealthCheck)}
settings.register_profile("ci", max_examples=1000, **_LENIENT)
settings.register_profile("dev", max_examples=50, **_LENIENT)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# Folders whose tests are slow (generated hostile inputs under resource limits; a real browser; the tests
# that start fresh interpreters, in tests/cli/test_startup.py, test_entry_point.py and
# test_cache_integrity.py, mark themselves):
# `pytest -m "not slow"` leaves them out.
SLOW_FOLDERS = ("hardening", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under a slow folder as ``slow``."""
    for item in items:
        if any(part in SLOW_FOLDERS for part in Path(str(item.fspath)).relative_to(TESTS).parts[:-1]):
            item.add_marker(pytest.mark.slow)


_SAVED_ENVIRONMENT: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    """The cache of validated profiles lives in a temporary folder during the tests, never the user's, and
    no resident server runs the tests' commands.

    Set before collection, since some test modules load profiles when they are imported.
    """
    for name in ("TRAFFICKING_AUDIT_CACHE_DIR", "TRAFFICKING_AUDIT_NO_CACHE", "TRAFFICKING_AUDIT_NO_SERVER"):
        _SAVED_ENVIRONMENT[name] = os.environ.pop(name, None)
    os.environ["TRAFFICKING_AUDIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="trafficking-audit-tests-")
    # A resident server the developer started must not run the tests' commands (tests/cli/test_server.py
    # starts its own).
    os.environ["TRAFFICKING_AUDIT_NO_SERVER"] = "1"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.get("TRAFFICKING_AUDIT_CACHE_DIR", ""), ignore_errors=True)
    for name, value in _SAVED_ENVIRONMENT.items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value


@pytest.fixture(scope="session")
def session() -> Session:
    """The bundled rulebook and profiles, loaded once."""
    return Session.open(ROOT)


# typer's runner turns the app into a click command on every invoke (about 50 ms for this app, and the fast subset
# invokes it ~430 times: ~12 of its ~54 s of CPU). The command is built the same way every time and holds no state
# between runs (each run makes its own click context), so it is built once per app and process.
assert hasattr(typer.testing, "_get_command"), "typer.testing no longer builds the command through _get_command"
typer.testing._get_command = functools.cache(typer.testing._get_command)  # type: ignore[attr-defined]


@pytest.fixture
def cli():
    """Invoke the `audit` app; returns typer's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own, with the cache turned on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRAFFICKING_AUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("TRAFFICKING_AUDIT_NO_CACHE", raising=False)
    return folder


@pytest.fixture(scope="session")
def bundled_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The committed reports made afresh, as the README makes them: ``audit run --all --output-dir DIR --as-of D``
    on the bundled data, D the date the committed ``reports/matrix.json`` was made for.

    Made once per session (the batch is among the costliest commands), for the tests that read what it writes:
    the folder (a session temporary folder no test writes to), the command's standard output and error.
    """
    out = tmp_path_factory.mktemp("bundled-reports")
    as_of = json.loads((REPORTS / "matrix.json").read_text(encoding="utf-8"))["as_of"]
    result = CliRunner().invoke(app, ["run", "--all", "--data", str(ROOT), "--output-dir", str(out), "--as-of", as_of])
    assert result.exit_code == 0, result.stderr
    return out, result.stdout, result.stderr
