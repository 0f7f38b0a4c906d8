"""The period a profile covers: a date before its history_from, or after today, is refused (exit 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def test_run_before_history_from_names_it(cli) -> None:
    """The issue's acceptance: `audit run kz --as-of 1990-01-01` exits 2 naming 2019-01-01."""
    result = cli("run", "kz", "--as-of", "1990-01-01", "--data", ROOT)
    assert result.exit_code == 2 and result.stdout == ""
    line = next(
        n
        for n, text in enumerate((ROOT / "jurisdictions" / "kazakhstan.yaml").open(), 1)
        if text.startswith("history_from")
    )
    assert result.stderr.startswith(f"jurisdictions/kazakhstan.yaml:{line}:1: --as-of 1990-01-01 is before")
    assert "history_from 2019-01-01" in result.stderr
    assert cli("run", "kz", "--as-of", "2019-01-01", "--data", ROOT, "--format", "json").exit_code == 0


def test_diff_side_before_history_from(cli) -> None:
    result = cli("diff", "kz@2018-12-31", "kz", "--data", ROOT)
    assert (
        result.exit_code == 2
        and "left side 2018-12-31 is before this profile's history_from 2019-01-01" in result.stderr
    )


def test_a_future_date_needs_allow_future(cli) -> None:
    ahead = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    for args in (
        ("run", "kz", "--as-of", ahead),
        ("diff", "kz", f"kz@{ahead}"),
        ("diff", "kz", "pt", "--as-of", ahead),
    ):
        refused = cli(*args, "--data", ROOT, "--format", "json")
        assert refused.exit_code == 2 and "is after today" in refused.stderr and "--allow-future" in refused.stderr
        allowed = cli(*args, "--data", ROOT, "--format", "json", "--allow-future")
        assert allowed.exit_code == 0, allowed.stderr
    assert cli("run", "kz", "--as-of", "9999-12-31", "--data", ROOT).exit_code == 2


def test_new_writes_history_from_today(cli, tmp_path: Path) -> None:
    target = tmp_path / "ruritania.yaml"
    assert cli("new", "ruritania", "--output", target, "--data", ROOT).exit_code == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["history_from"] == dt.date.today()
