"""Names compared as a person would (NFC, case folded), and names that cannot pick one profile.

An alias that is another profile's ISO code, or two files with one id, must not be settled by
file order: ``audit run NAME`` refuses with the candidates, ``audit check`` reports
``ambiguous-name`` / ``duplicate-id``, and ``run --all`` writes nothing.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from trafficking_audit.models.names import name_key

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "fixtures" / "data"


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_name_key_normalises_and_folds() -> None:
    composed, decomposed = "Côte d'Ivoire", unicodedata.normalize("NFD", "Côte d'Ivoire")
    assert composed != decomposed and name_key(composed) == name_key(decomposed)
    assert name_key("STRASSE") == name_key("straße")
    assert name_key("  Kingdom   of Ruritania ") == name_key("kingdom of ruritania")


@pytest.mark.parametrize("typed", ["Ruritánia", "RURITÁNIA", unicodedata.normalize("NFD", "ruritánia"), "Königreich"])
def test_a_name_stored_decomposed_is_found_typed_composed(cli, tmp_path: Path, typed: str) -> None:
    data = _copy(tmp_path)
    profile = data / "jurisdictions" / "ruritania.yaml"
    stored = unicodedata.normalize("NFD", "Ruritánia")
    _edit(profile, "name: Ruritania", f"name: {stored}")
    _edit(profile, "aliases: [Kingdom of Ruritania]", f"aliases: [{unicodedata.normalize('NFD', 'Königreich')}]")
    result = cli("run", typed, "--data", data, "--format", "json", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    assert '"id": "ruritania"' in result.stdout


def test_an_alias_that_is_another_profiles_code_is_ambiguous(cli, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "jurisdictions" / "freedonia.yaml", "name: Freedonia", "name: Freedonia\naliases: [ru]")
    result = cli("run", "RU", "--data", data)
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "ambiguous jurisdiction 'RU'" in line and "freedonia (alias 'ru')" in line and "ruritania (iso2 'RU'" in line
    report = cli("check", "--data", data)
    assert report.exit_code == 1
    assert "ambiguous-name" in report.stdout and "freedonia.yaml" in report.stdout
    assert cli("run", "freedonia", "--data", data, "--format", "json").exit_code == 0  # the id is still one


def test_two_profiles_with_one_id(cli, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    twin = data / "jurisdictions" / "zz-twin.yaml"
    shutil.copy(data / "jurisdictions" / "ruritania.yaml", twin)
    _edit(twin, "iso2: RU\niso3: RUS", "iso2: ZZ\niso3: ZZZ")
    report = cli("check", "--data", data)
    assert report.exit_code == 1
    assert "[duplicate-id]" in report.stdout and "zz-twin.yaml:1:1" in report.stdout, report.stdout
    out = tmp_path / "out"
    result = cli("run", "--all", "--data", data, "--output-dir", out, "--as-of", "2025-01-01")
    assert result.exit_code == 2, result.output
    assert "ruritania" in result.stderr and "zz-twin.yaml" in result.stderr  # duplicate-id, or id-mismatch first
    assert not out.exists() or not any(out.iterdir())
    assert cli("run", "ruritania", "--data", data).exit_code == 2  # names two profiles
