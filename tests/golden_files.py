"""Golden-file comparison shared by the renderer tests.

Set ``REGENERATE_GOLDEN=1`` to rewrite the golden files from the current output
(`REGENERATE_GOLDEN=1 pytest tests`), then review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``, or rewrite it when regenerating."""
    path = GOLDEN / name
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"missing golden file {path}; run REGENERATE_GOLDEN=1 pytest"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; run REGENERATE_GOLDEN=1 pytest and review"
