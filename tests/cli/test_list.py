"""`audit list`: every profile with review date, coverage and score; exact figures on small data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
SMALL_DATA = HERE.parent / "fixtures" / "small-data"


def listed(cli, *args: str) -> list[dict]:
    result = cli("list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_lists_every_bundled_profile_with_coverage_and_score(cli, session) -> None:
    rows = listed(cli)
    ids = sorted(loaded.profile.id for loaded in session.profiles.all())
    assert [row["id"] for row in rows] == ids
    assert "kazakhstan" in ids
    for row in rows:
        assert {"id", "name", "iso2", "iso3", "last_reviewed", "coverage", "score"} <= set(row)
        assert row["coverage"] is None or 0 <= row["coverage"] <= 1
        assert row["score"] is None or 0 <= row["score"] <= 100


def test_exact_figures_on_small_data(cli) -> None:
    rows = {row["id"]: row for row in listed(cli, "--data", str(SMALL_DATA), "--as-of", "2025-06-30")}
    assert list(rows) == ["alpha", "beta", "gamma"]
    assert rows["alpha"] == {
        "id": "alpha",
        "name": "Alpha",
        "iso2": "AA",
        "iso3": "AAA",
        "last_reviewed": "2025-03-01",
        "region": None,
        "as_of": "2025-06-30",
        "score": 80.0,
        "coverage": 1.0,
        "applicable": 2,
        "unknown": 0,
    }
    assert (rows["beta"]["score"], rows["beta"]["coverage"], rows["beta"]["region"]) == (100.0, 0.333, "Fixture")
    assert (rows["gamma"]["score"], rows["gamma"]["coverage"], rows["gamma"]["unknown"]) == (None, 0.0, 3)


def test_listing_agrees_with_audit_run(cli) -> None:
    for row in listed(cli, "--data", str(SMALL_DATA), "--as-of", "2025-06-30"):
        run = cli("run", row["id"], "--data", str(SMALL_DATA), "--as-of", "2025-06-30", "--format", "json")
        overall = json.loads(run.stdout)["scores"]["overall"]
        assert (row["score"], row["coverage"]) == (overall["score"], overall["coverage"])


def test_terminal_table(cli) -> None:
    result = cli("list", "--data", str(SMALL_DATA), "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "3 jurisdictions, law as of 2025-06-30" in lines[0]
    alpha = next(line for line in lines if "alpha" in line)
    assert "AA/AAA" in alpha and "2025-03-01" in alpha and "100%" in alpha and "80" in alpha
    gamma = next(line for line in lines if "gamma" in line)
    assert "0%" in gamma and "–" in gamma
    assert result.stdout == cli("list", "--data", str(SMALL_DATA), "--as-of", "2025-06-30").stdout


def test_no_profiles(cli, tmp_path: Path) -> None:
    shutil.copytree(SMALL_DATA / "rules", tmp_path / "rules")
    assert listed(cli, "--data", str(tmp_path)) == []
    assert "No jurisdiction profiles" in cli("list", "--data", str(tmp_path)).stdout


def test_usage_errors_exit_2(cli) -> None:
    assert cli("list", "--format", "html").exit_code == 2
    assert cli("list", "--as-of", "yesterday").exit_code == 2
    assert cli("list", "--data", "/no/such/folder").exit_code == 2


def test_help_has_examples(cli) -> None:
    result = cli("list", "--help")
    assert result.exit_code == 0 and "audit list --format json" in result.stdout
