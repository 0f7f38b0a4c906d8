"""A session may load profiles without the consistency checks (``Session.at(vetting=None)``): an index built
from such profiles (the peer index, the name index) may hold one the checks would refuse, so it must never be
served to a run that checks them. Both cache keys say whether the profiles were checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trafficking_audit.app import peer_cache
from trafficking_audit.app.session import Session
from trafficking_audit.check.consistency import vetter
from trafficking_audit.check.profiles import critical_facts
from trafficking_audit.load import inputs
from trafficking_audit.load.data import locate
from trafficking_audit.load.loader import ProfileIndex, Rulebook

DAY = dt.date(2026, 11, 28)


def _checks(book: Rulebook):  # type: ignore[no-untyped-def]
    return vetter(dt.date.today(), set(book.instruments), critical_facts(book.rules))


def test_a_peer_index_of_unchecked_peers_is_not_served_to_a_checked_run(data: Path, cache_dir: Path) -> None:
    location = locate(data)
    with inputs.kept():
        unchecked = Session.at(location)
        checked = Session.at(location, _checks)
        rules = list(unchecked.rulebook.rules)
        audited = unchecked.profiles.resolve("freedonia")
        unchecked.audit(audited, rules, DAY)
        assert len(list((cache_dir / peer_cache.KIND).rglob("*"))) >= 1
        stored = {p for p in (cache_dir / peer_cache.KIND).rglob("*") if p.is_file()}
        checked.audit(checked.profiles.resolve("freedonia"), rules, DAY)
        after = {p for p in (cache_dir / peer_cache.KIND).rglob("*") if p.is_file()}
    assert len(stored) == 1 and len(after) == 2  # the checked run made and kept an index of its own
    ids = [r.id for r in rules]
    with inputs.kept():
        keys = {peer_cache.peer_key(location, ids, DAY, "en", checked) for checked in (False, True)}
    assert None not in keys and len(keys) == 2


def test_a_name_index_of_unchecked_profiles_is_not_served_to_a_checked_run(data: Path, cache_dir: Path) -> None:
    location = locate(data)
    book = Session.at(location).rulebook
    with inputs.kept():
        unchecked, checked = ProfileIndex(location), ProfileIndex(location, _checks(book))
        assert unchecked._index_key() is not None
        assert unchecked._index_key() != checked._index_key()
