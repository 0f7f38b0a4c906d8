"""Fixtures of the cache tests: a private copy of the fixture data, so a test can edit inputs (with the
private cache folder of ``tests/conftest.py``, it sees exactly the entries its runs write)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_DATA = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data, free to edit."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))
