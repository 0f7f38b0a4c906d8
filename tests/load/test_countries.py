"""ISO 3166-1 look-ups kept in the cache folder (load/countries.py): the answer pycountry gives, for the same
codes only, looked up again when an entry is damaged, never stored with the caches off."""

from __future__ import annotations

from pathlib import Path

import pytest

from trafficking_audit.load import countries
from trafficking_audit.load.cache import write_entry
from trafficking_audit.load.countries import Country, look_up

KAZAKHSTAN = Country("KAZ", "Kazakhstan")


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / countries.KIND).rglob("*.json")) if cache_dir.exists() else []


def refuse_pycountry(monkeypatch: pytest.MonkeyPatch) -> None:
    """pycountry replaced by an empty module of the same spec (so its version is the same): a look-up fails."""
    import importlib.util
    import sys
    import types

    stub = types.ModuleType("pycountry")
    stub.__spec__ = importlib.util.find_spec("pycountry")
    monkeypatch.setitem(sys.modules, "pycountry", stub)


def test_a_look_up_is_kept_for_the_same_codes_only(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert look_up("KZ", "KAZ") == (KAZAKHSTAN, KAZAKHSTAN)
    assert look_up("KZ", "QAT") == (KAZAKHSTAN, Country("QAT", "Qatar"))
    assert look_up("QQ", None) == (None, None)  # not a code; a code not asked for
    assert len(entries(cache_dir)) == 3
    with monkeypatch.context() as patch:
        refuse_pycountry(patch)
        assert look_up("KZ", "KAZ") == (KAZAKHSTAN, KAZAKHSTAN)  # from the folder, pycountry not imported
        assert look_up("QQ", None) == (None, None)
        with pytest.raises(AttributeError):
            look_up("KZ", "KGZ")  # other codes: looked up


@pytest.mark.parametrize("body", [b"", b"[]", b"[null]", b'[["KAZ"], null]', b"{}", b"[" * 100_000, b"[3, 4]"])
def test_a_damaged_entry_is_looked_up_again(body: bytes, cache_dir: Path) -> None:
    assert look_up("KZ", "KAZ") == (KAZAKHSTAN, KAZAKHSTAN)
    [entry] = entries(cache_dir)
    write_entry(entry, body)
    assert look_up("KZ", "KAZ") == (KAZAKHSTAN, KAZAKHSTAN)
    assert countries._fetch(entry.stem) == (KAZAKHSTAN, KAZAKHSTAN)  # replaced


def test_nothing_is_kept_with_the_caches_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    assert look_up("KZ", "KAZ") == (KAZAKHSTAN, KAZAKHSTAN)
    assert entries(cache_dir) == []
