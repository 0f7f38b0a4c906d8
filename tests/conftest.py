"""Shared fixtures: paths relative to this file, a CLI runner, and the bundled data."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trafficking_audit.app.session import Session
from trafficking_audit.cli.app import app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


_SAVED_ENVIRONMENT: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    """The cache of validated profiles lives in a temporary folder during the tests, never the user's.

    Set before collection, since some test modules load profiles when they are imported.
    """
    for name in ("TRAFFICKING_AUDIT_CACHE_DIR", "TRAFFICKING_AUDIT_NO_CACHE"):
        _SAVED_ENVIRONMENT[name] = os.environ.pop(name, None)
    os.environ["TRAFFICKING_AUDIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="trafficking-audit-tests-")


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


@pytest.fixture
def cli():
    """Invoke the `audit` app; returns typer's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke
