"""`audit run` through typer's CliRunner: acceptance on the bundled data, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def statuses(result) -> dict[str, str]:
    assert result.exit_code == 0, result.stderr
    return {f["rule"]: f["status"] for f in json.loads(result.stdout)["findings"]}


def test_kazakhstan_summary(cli) -> None:
    result = cli("run", "kazakhstan")
    assert result.exit_code == 0, result.stderr
    assert "Kazakhstan" in result.stdout and "Scores" in result.stdout


def test_kazakhstan_2022_matches_the_seed_paper(cli) -> None:
    found = statuses(cli("run", "kz", "--as-of", "2022-12-31", "--format", "json"))
    assert found["means-core-elements"] == "not_met"
    assert found["specialised-law"] == "not_met"
    assert found["nrm-unified"] == "not_met"
    # Internet use is still no qualifying circumstance, but the one cited standard for it (EU 2024/1712) did not exist.
    assert found["aggravating-ict"] == "not_applicable"
    assert found["ratification-core"] == "met"
    assert found["penalty-max-4y"] == "met"
    assert found["child-no-means"] == "met"


def test_kazakhstan_today_has_the_2024_law(cli) -> None:
    assert statuses(cli("run", "KAZ", "--format", "json"))["specialised-law"] == "met"


@pytest.mark.parametrize("argument", ["kazakhstan", "KZ", "kaz", "Kazakhstan"])
def test_jurisdiction_arguments(cli, argument: str) -> None:
    data = json.loads(cli("run", argument, "--format", "json", "--as-of", "2025-01-01").stdout)
    assert data["jurisdiction"]["id"] == "kazakhstan"


def test_same_command_twice_is_byte_identical(cli) -> None:
    for fmt in ("terminal", "md", "html", "json"):
        first = cli("run", "kz", "--as-of", "2024-01-01", "--format", fmt).stdout
        assert first == cli("run", "kz", "--as-of", "2024-01-01", "--format", fmt).stdout


def test_output_file_and_inferred_format(cli, tmp_path: Path) -> None:
    target = tmp_path / "kz.html"
    result = cli("run", "kz", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["kz.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("id: x\nname: X\nname: Y\n", ":3:1: duplicate key 'name'"),
        ("id: x\nname: [X\n", ":3:1: YAML syntax error"),
        (
            "id: x\nname: X\niso2: XX\niso3: XXX\nlast_reviewed: 2025-01-01\ncolour: red\n",
            ":6:1: colour: unknown field",
        ),
        (
            "id: x\nname: X\niso2: XX\niso3: XXX\nlast_reviewed: 2025-01-01\noffence:\n  exists: {value: 3}\n",
            ":7:12: offence.exists.value: Input should be a valid boolean",
        ),
    ],
)
def test_bad_profile_is_one_line_and_exit_2(cli, tmp_path: Path, body: str, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    result = cli("run", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}:") and fragment in lines[0]
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(cli) -> None:
    assert cli("run", "atlantis").exit_code == 2
    assert cli("run", "kz", "--as-of", "yesterday").exit_code == 2
    assert cli("run", "kz", "--format", "pdf").exit_code == 2
    assert cli("run", "kz", "--rule", "no-such-rule").exit_code == 2
    assert cli("run", "kz", "--output", "report.pdf").exit_code == 2
    assert cli("run").exit_code == 2


def test_unwritable_output_exit_2_and_existing_file_kept(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "kz.md"
    assert cli("run", "kz", "--output", str(missing)).exit_code == 2
    existing = tmp_path / "kz.json"
    existing.write_text("old")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    assert cli("run", str(bad), "--output", str(existing)).exit_code == 2
    assert existing.read_text() == "old"


def test_fail_on(cli) -> None:
    args = ("run", "ruritania", "--data", str(FIXTURE_DATA), "--as-of", "2022-01-01", "--format", "json")
    assert cli(*args, "--fail-on", "critical").exit_code == 1  # means-core-elements not met
    assert cli(*args[:-2], "--format", "json", "--fail-on", "critical", "--as-of", "2025-01-01").exit_code == 0
    assert cli(*args, "--fail-on", "severe").exit_code == 2


def test_rule_selection(cli) -> None:
    args = ("run", "freedonia", "--data", str(FIXTURE_DATA), "--format", "json")
    assert set(statuses(cli(*args, "--standard", "cets-197"))) == {"reflection-period-30d"}
    assert set(statuses(cli(*args, "--rule", "eu-only"))) == {"eu-only"}
    assert "eu-only" not in statuses(cli(*args, "--skip-rule", "eu-only"))


def test_internal_error_exit_3_without_traceback(cli, monkeypatch) -> None:
    import trafficking_audit.engine.selection as selection_module  # `audit run` imports it when it runs

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(selection_module, "select_rules", boom)
    result = cli("run", "kz")
    assert result.exit_code == 3
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_has_examples(cli) -> None:
    result = cli("run", "--help")
    assert result.exit_code == 0 and "audit run kz --as-of 2022-12-31" in result.stdout


def test_reports_get_ordinary_file_permissions(cli, tmp_path: Path) -> None:
    import os

    target = tmp_path / "kz.md"
    assert cli("run", "kz", "--output", str(target)).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
