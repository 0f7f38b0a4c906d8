"""The cache of validated profiles: a hit gives the very model a fresh read gives; a changed
file, changed code or a damaged entry is never served; ``TRAFFICKING_AUDIT_NO_CACHE`` turns it off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from trafficking_audit.errors import InputError
from trafficking_audit.load import cache
from trafficking_audit.load.loader import load_profile
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import parse_yaml
from trafficking_audit.models.profile import Profile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURE = HERE.parent / "fixtures" / "data" / "jurisdictions" / "freedonia.yaml"
PROFILES = sorted((ROOT / "jurisdictions").glob("*.yaml")) + sorted(FIXTURE.parent.glob("*.yaml"))


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json")) if folder.exists() else []


def fields_set(value: Any, where: str = "") -> list[tuple[str, list[str]]]:
    """Which fields were set, on every model inside ``value``: what `repr` does not show."""
    found: list[tuple[str, list[str]]] = []
    if isinstance(value, BaseModel):
        found.append((where, sorted(value.model_fields_set)))
        for name in type(value).model_fields:
            found += fields_set(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += fields_set(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += fields_set(item, f"{where}[{key}]")
    return found


def fresh(path: Path) -> Profile:
    return validate(Profile, parse_yaml(path.read_text(encoding="utf-8"), str(path)))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_a_hit_gives_the_model_a_fresh_read_gives(path: Path, cache_dir: Path) -> None:
    expected = fresh(path)
    first = load_profile(path)
    assert len(entries(cache_dir)) == 1
    second = load_profile(path)
    for loaded in (first, second):
        # repr shows types too (5 vs 5.0, a date vs its text), which == does not.
        assert repr(loaded.profile) == repr(expected)
        assert fields_set(loaded.profile) == fields_set(expected)
    # The document of a hit parses its text when asked: same data, same positions.
    assert second.document.data == first.document.data
    assert second.document.positions == parse_yaml(path.read_text(encoding="utf-8"), "x", positions=True).positions


def test_a_changed_file_is_never_served_stale(tmp_path: Path, cache_dir: Path) -> None:
    profile = tmp_path / "freedonia.yaml"
    original = FIXTURE.read_text(encoding="utf-8")
    profile.write_text(original, encoding="utf-8")
    assert load_profile(profile).profile.name == "Freedonia"
    profile.write_text(original.replace("name: Freedonia", "name: Freedonia Renamed"), encoding="utf-8")
    assert load_profile(profile).profile.name == "Freedonia Renamed"
    assert len(entries(cache_dir)) == 2
    profile.write_text(original, encoding="utf-8")
    assert load_profile(profile).profile.name == "Freedonia"


def test_changed_code_changes_every_key(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    before = cache.entry_path(Profile, text)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of the models")
    assert cache.entry_path(Profile, text) != before


def test_the_fingerprint_covers_the_models_and_the_parser() -> None:
    covered = {p.name for name in cache.CODE for p in (cache.PACKAGE_DIR / name).rglob("*.py")} | {
        Path(name).name for name in cache.CODE if name.endswith(".py")
    }
    assert {"profile.py", "facts.py", "yamlsource.py", "validation.py"} <= covered


def test_a_damaged_entry_is_read_again_and_replaced(cache_dir: Path) -> None:
    load_profile(FIXTURE)
    (entry,) = entries(cache_dir)
    entry.write_text('{"id": "not-a-whole-profile"', encoding="utf-8")
    assert repr(load_profile(FIXTURE).profile) == repr(fresh(FIXTURE))
    assert cache.fetch(Profile, FIXTURE.read_text(encoding="utf-8")) is not None  # replaced by a good entry


def test_an_invalid_profile_is_not_stored_and_fails_every_time(tmp_path: Path, cache_dir: Path) -> None:
    profile = tmp_path / "freedonia.yaml"
    profile.write_text(FIXTURE.read_text(encoding="utf-8") + "\nno_such_field: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match="no_such_field"):
            load_profile(profile)
    assert entries(cache_dir) == []


def test_no_cache_turns_it_off(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert repr(load_profile(FIXTURE).profile) == repr(fresh(FIXTURE))
    assert entries(cache_dir) == []


def test_a_cache_folder_that_cannot_be_written_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TRAFFICKING_AUDIT_CACHE_DIR", str(blocker / "cache"))
    assert repr(load_profile(FIXTURE).profile) == repr(fresh(FIXTURE))


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRAFFICKING_AUDIT_CACHE_DIR", raising=False)
    monkeypatch.delenv("TRAFFICKING_AUDIT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if cache.sys.platform != "win32":
        assert cache.cache_dir() == tmp_path / "trafficking-audit"
