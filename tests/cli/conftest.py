"""Fixtures of the cache tests: a private copy of the fixture data and a private cache folder, so a test
can edit inputs and see exactly the entries its runs write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_DATA = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data, free to edit."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own, with the cache turned on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRAFFICKING_AUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("TRAFFICKING_AUDIT_NO_CACHE", raising=False)
    return folder
