"""The committed reports/ folder is exactly what `audit run --all` gives on the bundled data.

The date the reports were made for is read from ``reports/matrix.json`` and the reports
are regenerated for that date, so the test fails when the data or the code changed and
the reports were not regenerated (see the README for the command).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from trafficking_audit.cli.common import open_session
from trafficking_audit.cli.overview import run_all

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


def test_reports_match_the_data(tmp_path: Path) -> None:
    session = open_session(ROOT)  # as the command opens it: every profile checked
    as_of = dt.date.fromisoformat(json.loads((REPORTS / "matrix.json").read_text())["as_of"])
    run_all(session, session.rulebook.rules, as_of, None, tmp_path)
    committed = sorted(p.name for p in REPORTS.iterdir() if p.is_file() and p.name != "README.md")
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert committed == fresh
    stale = [name for name in fresh if (tmp_path / name).read_bytes() != (REPORTS / name).read_bytes()]
    assert not stale, (
        f"reports/ is stale ({', '.join(stale)}); regenerate with "
        f"`audit run --all --output-dir reports --as-of {as_of}`"
    )
