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
        assert {"id", "name", "iso2", "iso3", "last_reviewed", "coverage", "score", "score_low", "score_high"} <= set(
            row
        )
        assert row["coverage"] is None or 0 <= row["coverage"] <= 1
        assert row["score"] is None or 0 <= row["score"] <= 100
        if row["coverage"] is not None and row["coverage"] < 0.5:
            assert row["score"] is None, row  # too little evidence for a point score
        if row["score"] is not None:
            assert row["score_low"] <= row["score"] <= row["score_high"], row


def test_the_listing_names_each_jurisdiction_as_its_audit_does(cli, session) -> None:
    """The identity fields (history_from too) are the profile's, as in the audit report: the listing once left
    history_from null for every profile, also for those whose profile gives it."""
    rows = {row["id"]: row for row in listed(cli, "--as-of", "2025-06-30")}
    kazakhstan = next(loaded.profile for loaded in session.profiles.all() if loaded.profile.id == "kazakhstan")
    assert kazakhstan.history_from is not None
    assert rows["kazakhstan"]["history_from"] == kazakhstan.history_from.isoformat()
    run = cli("run", "kazakhstan", "--as-of", "2025-06-30", "--format", "json")
    assert run.exit_code == 0, run.stderr
    identity = json.loads(run.stdout)["jurisdiction"]
    assert {key: rows["kazakhstan"][key] for key in identity} == identity


def test_exact_figures_on_small_data(cli) -> None:
    rows = {row["id"]: row for row in listed(cli, "--data", str(SMALL_DATA), "--as-of", "2025-06-30")}
    assert list(rows) == ["alpha", "beta", "gamma"]
    assert rows["alpha"] == {
        "id": "alpha",
        "name": "Alpha",
        "iso2": "AA",
        "iso3": "AAA",
        "last_reviewed": "2025-03-01",
        "history_from": None,
        "region": None,
        "as_of": "2025-06-30",
        "score": 80.0,
        "score_low": 80.0,
        "score_high": 80.0,
        "coverage": 1.0,
        "applicable": 2,
        "unknown": 0,
    }
    # Beta: one of three rules known (met, weight 1 of 7): 100 over the known rule, but coverage 33% is below
    # the minimum, so no point score; the bounds count the two unknown rules as not met, and as met.
    beta = rows["beta"]
    assert (beta["score"], beta["score_low"], beta["score_high"], beta["coverage"]) == (None, 14.3, 100.0, 0.333)
    assert beta["region"] == "Fixture"
    assert (rows["gamma"]["score"], rows["gamma"]["coverage"], rows["gamma"]["unknown"]) == (None, 0.0, 3)
    assert (rows["gamma"]["score_low"], rows["gamma"]["score_high"]) == (0.0, 100.0)


def test_listing_agrees_with_audit_run(cli) -> None:
    for row in listed(cli, "--data", str(SMALL_DATA), "--as-of", "2025-06-30"):
        run = cli("run", row["id"], "--data", str(SMALL_DATA), "--as-of", "2025-06-30", "--format", "json")
        overall = json.loads(run.stdout)["scores"]["overall"]
        headlined = overall["score"] if overall["sufficient"] else None
        assert (row["score"], row["coverage"]) == (headlined, overall["coverage"])
        assert (row["score_low"], row["score_high"]) == (overall["low"], overall["high"])


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
