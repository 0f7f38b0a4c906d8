"""Fixtures for the rulebook commands: a data folder holding one fixture rule file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def rule_data(tmp_path: Path) -> Callable[[str], Path]:
    """A data folder: the fixture rulebook header and instruments plus ``tests/fixtures/rules/<name>``."""

    def make(name: str) -> Path:
        rules = tmp_path / "data" / "rules"
        rules.mkdir(parents=True)
        for header in ("rulebook.yaml", "instruments.yaml"):
            shutil.copy(FIXTURES / "data" / "rules" / header, rules / header)
        shutil.copy(FIXTURES / "rules" / name, rules / name)
        return tmp_path / "data"

    return make
