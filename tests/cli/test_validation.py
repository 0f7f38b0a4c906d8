"""One validation for every command: run, diff, trend, list and run --all apply `audit check`'s checks.

Errors of a profile a command loads stop it (exit 2, one ``file:line:col`` line per error, the check's
code in brackets); warnings go to standard error once and are summarised in the report's data-quality
section; a file given by path may carry another name than its id (that check is for the data's own files).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from trafficking_audit.check.profiles import user_assigned

ROOT = Path(__file__).resolve().parent.parent.parent
KAZAKHSTAN = ROOT / "jurisdictions" / "kazakhstan.yaml"
CITED = "sources: [cc-2019, cc-2024-08, seed-paper-2024, tip-2022]"


def copy_of_kazakhstan(folder: Path, old: str, new: str, name: str = "copy.yaml") -> Path:
    text = KAZAKHSTAN.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target = folder / name
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_run_refuses_a_copy_citing_an_undefined_source(cli, tmp_path: Path, monkeypatch) -> None:
    """The issue's acceptance: `audit run ./copy.yaml` exits 2 with copy.yaml:LINE:COL naming the id."""
    copy_of_kazakhstan(tmp_path, CITED, CITED.replace("tip-2022", "tip-2042"))
    monkeypatch.chdir(tmp_path)
    result = cli("run", "./copy.yaml", "--data", ROOT)
    assert result.exit_code == 2
    line = line_of(tmp_path / "copy.yaml", "tip-2042")
    assert re.fullmatch(
        rf"copy\.yaml:{line}:\d+: source 'tip-2042' is not defined in `sources`.*\[unknown-source\]\n", result.stderr
    ), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        ("run", "{copy}", "--format", "json"),
        ("diff", "kz", "{copy}"),
        ("trend", "{copy}", "--every", "year", "--from", "2024-01-01"),
    ],
)
def test_every_command_refuses_what_check_refuses(cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    copy = copy_of_kazakhstan(tmp_path, "iso3: KAZ", "iso3: KGZ")
    result = cli(*(part.format(copy=copy) for part in command), "--data", ROOT)
    assert result.exit_code == 2, result.stdout
    assert "[iso-mismatch]" in result.stderr and "Traceback" not in result.stderr
    assert re.match(r"^\S+copy\.yaml:\d+:\d+: iso3 'KGZ' is Kyrgyzstan", result.stderr)


def test_every_error_is_listed_and_run_all_refuses_a_bad_profile_of_the_data(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "rules", data / "rules")
    (data / "jurisdictions").mkdir()
    bad = copy_of_kazakhstan(data / "jurisdictions", CITED, CITED.replace("tip-2022", "tip-2042"), "kz.yaml")
    for args in (("run", "--all"), ("list",), ("run", "kazakhstan")):
        result = cli(*args, "--data", data)
        assert result.exit_code == 2, args
        lines = result.stderr.splitlines()
        if args == ("run", "--all"):  # the batch ends with how many of its profiles failed
            assert (
                lines.pop()
                == "audit run --all: 1 of 1 profiles failed their checks (errors above); nothing was written"
            )
        assert any("[unknown-source]" in line for line in lines)
        assert any("profile id 'kazakhstan' does not match the file name 'kz.yaml' [id-mismatch]" in x for x in lines)
        assert all(re.match(rf"^\S*{bad.name}:\d+:\d+: ", line) for line in lines), lines


def test_warnings_go_to_stderr_once_and_into_the_data_quality_section(cli, tmp_path: Path) -> None:
    copy = copy_of_kazakhstan(
        tmp_path,
        "    - value: false\n      sources: [kursiv-2022, inform-2022, seed-paper-2024, neglobal-2024]\n",
        "    - value: false\n",
    )
    result = cli("run", copy, "--data", ROOT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "[unsourced-fact]" in line]
    assert len(warned) == 1 and "institutions.specialised_law: value False has no source" in warned[0]
    notes = {n["code"]: n for n in json.loads(result.stdout)["data_quality"]}
    assert notes["unsourced-fact"]["count"] == 1
    assert notes["unsourced-fact"]["first"].startswith(f"{warned[0].split(': warning: ')[0]}: ")
    md = cli("run", copy, "--data", ROOT, "--format", "md")
    assert "## Data quality" in md.stdout and "`unsourced-fact` (1)" in md.stdout
    assert md.stderr.count("[unsourced-fact]") == 1  # served from the report cache: still warned
    diff = cli("diff", copy, copy, "--data", ROOT, "--format", "json")
    assert diff.stderr.count("[unsourced-fact]") == 1  # one profile, one warning, however often it is loaded


def test_a_bundled_profile_reports_no_warnings(cli) -> None:
    result = cli("run", "portugal", "--data", ROOT, "--format", "json", "--as-of", "2025-06-30")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["data_quality"] == []


@pytest.mark.parametrize(
    ("iso2", "iso3", "expected"),
    [
        ("AA", "AAA", (True, True)),
        ("QM", "QMA", (True, True)),
        ("QZ", "QZZ", (True, True)),
        ("XK", "XKX", (True, True)),
        ("ZZ", "ZZZ", (True, True)),
        ("QL", "QLA", (False, False)),  # below QM: not user-assigned
        ("AB", "ABA", (False, False)),
        ("KZ", "KAZ", (False, False)),
        ("XX", "KAZ", (True, False)),
    ],
)
def test_user_assigned_codes(iso2: str, iso3: str, expected: tuple[bool, bool]) -> None:
    assert user_assigned(iso2, iso3) == expected


def test_private_use_codes_pass_the_check_and_invented_ones_do_not(cli, tmp_path: Path) -> None:
    private = copy_of_kazakhstan(tmp_path, "iso2: KZ\niso3: KAZ", "iso2: XK\niso3: XKZ", "kazakhstan.yaml")
    assert cli("check", private, "--data", ROOT).exit_code == 0
    invented = copy_of_kazakhstan(tmp_path, "iso2: KZ\niso3: KAZ", "iso2: JJ\niso3: JJJ", "kazakhstan.yaml")
    result = cli("run", invented, "--data", ROOT)
    assert result.exit_code == 2 and result.stderr.count("[unknown-country]") == 2
