"""A cache of the peer index (which peers meet which rules, with their provisions and sources), keyed by
the bytes of every file it comes from: editing the audited profile does not re-evaluate its peers.

Why: the recommendations of a report name the other jurisdictions in the data that meet each
failed rule, so every audit loaded every peer profile and evaluated every rule on it, although
an edit of one profile changes none of them. The index is small (a few peers per rule), so it is
kept as JSON in the cache folder (:mod:`trafficking_audit.load.cache`, kind ``peers``) under a
hash of everything it depends on: the package's code and library versions, the working directory
and data folders, the name and bytes of every file of the rules folder and of every profile in
the jurisdictions folder, the audit date, the selected rules, the language, whether the peers were checked as they were
loaded (a session may skip the consistency checks: an index of unchecked peers may hold one the
checks would refuse, so it must never be served to a checked run) and today's date (the checks
depend on it).

It is used only inside a :func:`~trafficking_audit.load.inputs.kept` block (``audit run`` on one
jurisdiction), where the bytes hashed are the bytes a miss loads; only an index built from peers
that all loaded and passed their checks is stored; an entry that does not validate is a miss.
``TRAFFICKING_AUDIT_NO_CACHE=1`` turns it off with the other caches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence

from pydantic import BaseModel

from trafficking_audit.app.report_cache import code_fingerprint
from trafficking_audit.engine.recommend import PeerIndex
from trafficking_audit.load import inputs
from trafficking_audit.load.cache import (
    cache_dir,
    entry_file,
    hash_files,
    prune_once,
    read_parsed,
    write_entry,
)
from trafficking_audit.load.data import DataLocation
from trafficking_audit.models.result import Peer

KIND = "peers"
FORMAT = "1"
KEEP = 256  # one index per data, date and rule selection


class _Entry(BaseModel):
    meeting: dict[str, list[Peer]]


def peer_key(location: DataLocation, rule_ids: Sequence[str], as_of: dt.date, lang: str, checked: bool) -> str | None:
    """The key of the peer index for these inputs (``checked``: whether every peer passed the consistency checks
    as it was loaded); None when the cache is off, no :func:`inputs.kept` block is active, or an input is not a
    regular file."""
    if not inputs.holding() or cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}|{code_fingerprint()}|".encode())
    options: list[object] = [
        os.getcwd(),
        str(location.rules),
        str(location.jurisdictions),
        as_of.isoformat(),
        list(rule_ids),
    ]
    options += [lang, checked, dt.date.today().isoformat()]
    digest.update(json.dumps(options).encode("utf-8", "surrogateescape"))
    rules = sorted(p for p in location.rules.rglob("*") if p.is_file()) if location.rules.is_dir() else []
    stable = hash_files(digest.update, location.rules, rules)
    digest.update(b"\0profiles\0")
    stable = hash_files(digest.update, location.jurisdictions, location.profile_files()) and stable
    return digest.hexdigest() if stable else None


def fetch(key: str | None) -> PeerIndex | None:
    """The index kept under ``key``, or None."""
    if key is None:
        return None
    # Whatever is wrong with an entry, it is a miss.
    entry = read_parsed(entry_file(KIND, key), _Entry.model_validate_json, (Exception,))
    return None if entry is None else PeerIndex.of(entry.meeting)


def store(key: str | None, index: PeerIndex) -> None:
    """Keep ``index`` under ``key`` (nothing when the key is None)."""
    if key is None:
        return
    try:
        payload = _Entry(meeting=index.meeting).model_dump_json(exclude_unset=True).encode("utf-8")
    except ValueError:
        return
    write_entry(entry_file(KIND, key), payload)
    prune_once(KIND, KEEP)
