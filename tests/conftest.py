"""Shared fixtures: paths relative to this file, a CLI runner, and the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from trafficking_audit.cli.app import app
from trafficking_audit.session import Session

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


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
