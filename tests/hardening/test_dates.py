"""One date format, YYYY-MM-DD, wherever a date is written: options, SIDE@DATE, and the YAML files.

Python 3.11's ``date.fromisoformat`` also reads ISO week dates (``2024-W01-1``) and the basic
format (``20240101``), and pydantic reads a number as a Unix time: none of these may be accepted,
whatever the Python version.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trafficking_audit.models.dates import NotADate, parse_day

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "fixtures" / "data"
PROFILE = DATA / "jurisdictions" / "ruritania.yaml"

NOT_DATES = ["2024-W01-1", "20240101", "2024-1-1", "2024-01-01T00:00:00", " 2024-01-01", "2024-001", "２０２４-01-01"]
IMPOSSIBLE = ["2025-02-30", "2024-13-01"]


@pytest.mark.parametrize("text", NOT_DATES)
def test_parse_day_refuses_every_other_shape(text: str) -> None:
    with pytest.raises(NotADate, match="expected a date as YYYY-MM-DD"):
        parse_day(text)


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_parse_day_refuses_days_the_calendar_lacks(text: str) -> None:
    with pytest.raises(ValueError, match="out of range|must be in"):
        parse_day(text)


def test_parse_day_reads_a_date() -> None:
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)


COMMANDS = {
    "run --as-of": lambda d: ("run", "ruritania", "--as-of", d),
    "run --all --as-of": lambda d: ("run", "--all", "--as-of", d, "--format", "json"),
    "diff --as-of": lambda d: ("diff", "ruritania", "freedonia", "--as-of", d),
    "diff SIDE@DATE": lambda d: ("diff", f"ruritania@{d}", "freedonia"),
    "trend --from": lambda d: ("trend", "ruritania", "--from", d, "--to", "2025-01-01"),
    "trend --to": lambda d: ("trend", "ruritania", "--from", "2019-01-01", "--to", d),
    "list --as-of": lambda d: ("list", "--as-of", d),
    "check --as-of": lambda d: ("check", "--base", "HEAD", "--as-of", d),
}


@pytest.mark.parametrize("text", NOT_DATES + IMPOSSIBLE)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_date_argument_accepts_only_yyyy_mm_dd(cli, command: str, text: str) -> None:
    result = cli(*COMMANDS[command](text), "--data", DATA)
    assert result.exit_code == 2, (command, text, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "YYYY-MM-DD" in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ['"20240101"', '"2024-W01-1"', "1704067200", '"2024-01-01T00:00:00"', "20240101"])
def test_dates_in_a_profile_accept_only_yyyy_mm_dd(cli, tmp_path: Path, value: str) -> None:
    profile = tmp_path / "ruritania.yaml"
    text = PROFILE.read_text(encoding="utf-8")
    profile.write_text(text.replace("last_reviewed: 2025-01-01", f"last_reviewed: {value}"), encoding="utf-8")
    result = cli("run", profile, "--data", DATA, "--format", "json")
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert line.startswith(f"{profile}:7:") and "YYYY-MM-DD" in line, line


def test_a_quoted_date_in_the_right_format_is_still_a_date(cli, tmp_path: Path) -> None:
    profile = tmp_path / "ruritania.yaml"
    text = PROFILE.read_text(encoding="utf-8")
    profile.write_text(text.replace("last_reviewed: 2025-01-01", 'last_reviewed: "2025-01-01"'), encoding="utf-8")
    assert cli("run", profile, "--data", DATA, "--format", "json").exit_code == 0
