"""`audit new` through typer's CliRunner: the issue's acceptance, --iso2, overwriting, errors."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SMALL_DATA = HERE.parent / "fixtures" / "small-data"


def test_new_then_run_gives_only_unknown(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the commands, run from an empty folder: bundled rulebook
    created = cli("new", "ruritania", "--output", "ruritania.yaml")
    assert created.exit_code == 0, created.stderr
    assert created.stdout == ""
    assert "set iso2 and iso3" in created.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["ruritania.yaml"]  # no temporary file left
    assert (
        (tmp_path / "ruritania.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schemas/profile.schema.json\n")
    )
    run = cli("run", "./ruritania.yaml", "--format", "json")
    assert run.exit_code == 0, run.stderr
    findings = json.loads(run.stdout)["findings"]
    assert findings and {f["status"] for f in findings} <= {"unknown", "not_applicable"}


def test_standard_output_by_default_with_iso2(cli) -> None:
    result = cli("new", "kazakhstan", "--iso2", "KZ", "--data", str(SMALL_DATA))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert (data["id"], data["name"], data["iso2"], data["iso3"]) == ("kazakhstan", "Kazakhstan", "KZ", "KAZ")
    assert list(data["treaties"]) == ["untoc", "ilo-c029"]  # from --data's catalogue
    assert "already has a profile" not in result.stderr


def test_an_id_already_in_the_data_is_noted(cli) -> None:
    result = cli("new", "Alpha", "--data", str(SMALL_DATA))
    assert result.exit_code == 0 and "the data already has a profile 'alpha'" in result.stderr


def test_bad_iso2_exits_2_and_writes_nothing(cli, tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    result = cli("new", "x", "--iso2", "QQ", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr.strip() == "--iso2 QQ: not an ISO 3166-1 alpha-2 country code"
    assert not target.exists() and result.stdout == ""


def test_no_overwrite_without_force(cli, tmp_path: Path) -> None:
    target = tmp_path / "ruritania.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = cli("new", "ruritania", "--output", str(target))
    assert refused.exit_code == 2 and "already exists; pass --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = cli("new", "ruritania", "--output", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["id"] == "ruritania"


def test_output_errors_exit_2(cli, tmp_path: Path) -> None:
    assert cli("new", "ruritania", "--output", str(tmp_path / "missing" / "r.yaml")).exit_code == 2
    assert cli("new", "ruritania", "--output", str(tmp_path)).exit_code == 2  # a directory
    assert cli("new", "!!!").exit_code == 2
    assert cli("new").exit_code == 2


def test_file_name_other_than_the_id_is_noted(cli, tmp_path: Path) -> None:
    result = cli("new", "ruritania", "--output", str(tmp_path / "draft.yaml"), "--data", str(SMALL_DATA))
    assert result.exit_code == 0 and "differs from the file name 'draft.yaml'" in result.stderr


def test_help_has_examples(cli) -> None:
    result = cli("new", "--help")
    assert result.exit_code == 0 and "audit new ruritania --output ruritania.yaml" in result.stdout
