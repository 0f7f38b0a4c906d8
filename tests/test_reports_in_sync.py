"""The committed reports/ folder is exactly what `audit run --all` gives on the bundled data.

The date the reports were made for is read from ``reports/matrix.json`` and the reports
are regenerated for that date (the ``bundled_reports`` fixture runs the README's command), so
the test fails when the data or the code changed and the reports were not regenerated (see the
README for the command).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


def test_reports_match_the_data(bundled_reports: tuple[Path, str, str]) -> None:
    fresh_dir, stdout, _ = bundled_reports
    as_of = json.loads((REPORTS / "matrix.json").read_text())["as_of"]
    assert stdout == ""
    committed = sorted(p.name for p in REPORTS.iterdir() if p.is_file() and p.name != "README.md")
    fresh = sorted(p.name for p in fresh_dir.iterdir())
    assert committed == fresh
    stale = [name for name in fresh if (fresh_dir / name).read_bytes() != (REPORTS / name).read_bytes()]
    assert not stale, (
        f"reports/ is stale ({', '.join(stale)}); regenerate with "
        f"`audit run --all --output-dir reports --as-of {as_of}`"
    )
