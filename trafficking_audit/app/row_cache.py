"""A cache of the overview's rows: an unchanged profile is not evaluated again by ``audit run --all``.

Why: the overview printed by ``audit run --all`` (no ``--output-dir``) needs one row per profile: its
scores, its headline and the status of each rule (an :class:`~trafficking_audit.engine.overview.Entry`).
Evaluating every rule on a profile, and for the sparkline on 1 January of every year of its history, is
three quarters of what a batch costs per profile once the profiles come from the cache of validated
profiles; yet a row is a pure function of one profile and the rules, and a batch is mostly re-run over
data of which one profile changed (a CI job over a data repository, a reviewer's re-run). So each row is
kept in the cache folder (:mod:`trafficking_audit.load.cache`, kind ``rows``) under a hash of:

- the package's code (engine, models, messages and their translations) and the library versions (the
  fingerprint of the report cache), and the Python version;
- the text of every rule file as it was parsed, and the JSON of every selected rule as the run holds it
  (localised, selected) and of the instrument catalogue (the JSON alone loses which operator a condition
  set, ``is: null`` against ``is_not: null``, and an operand's type, a date against the same date quoted);
- the audit date, today's date, the language and whether the row carries the score history;
- the profile's file name as shown and the text it was validated from (the text that was parsed: a file
  edited during the run cannot store one content's row under another's key).

A row never depends on the other profiles (it has no recommendations, hence no peers), so editing one
profile re-evaluates only that one. The profile is still loaded and checked on every run, so its warnings
and errors are those of a run without this cache, and a profile that fails is never looked up. An entry
that does not validate is a miss and is replaced; at most :data:`KEEP` rows are kept.
``TRAFFICKING_AUDIT_NO_CACHE=1`` turns it off with the other caches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from trafficking_audit.app.report_cache import code_fingerprint
from trafficking_audit.engine.overview import Entry
from trafficking_audit.load.cache import cache_dir, entry_file, prune_once, read_parsed, write_entry
from trafficking_audit.load.loader import LoadedProfile
from trafficking_audit.models.overview import JurisdictionRow
from trafficking_audit.models.rule import Instrument, Rule
from trafficking_audit.models.vocabulary import Outcome

KIND = "rows"
FORMAT = "2"  # bump when what an entry holds changes
KEEP = 4096  # rows kept: one per profile, date and rule selection (as many as validated profiles)


class _Entry(BaseModel):
    row: JurisdictionRow
    statuses: dict[str, Outcome]


def batch_key(
    rules: Sequence[Rule],
    instruments: Mapping[str, Instrument],
    rule_texts: Mapping[str, str | None],
    as_of: dt.date,
    lang: str,
    history: bool,
) -> str | None:
    """What every row of one run is keyed on besides its profile (None when the cache is off, or a rule file's
    text is not known): computed once per run, before a batch is split over processes.

    ``rule_texts``: the text each rule file was parsed from (the rulebook's documents). The rules' JSON alone is
    not enough: it loses which operator of a condition was set (``is: null`` and ``is_not: null`` dump alike)
    and the type of an operand (a YAML date and the same date quoted)."""
    if cache_dir() is None or any(text is None for text in rule_texts.values()):
        return None
    digest = hashlib.sha256(f"{FORMAT}|{code_fingerprint()}|".encode())
    digest.update(json.dumps([as_of.isoformat(), dt.date.today().isoformat(), lang, history]).encode())
    for name, text in sorted(rule_texts.items()):
        digest.update(b"\0file\0" + name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(str(text).encode("utf-8", "surrogatepass"))
    for rule in rules:
        digest.update(b"\0rule\0" + rule.model_dump_json().encode("utf-8", "surrogatepass"))
    for name, instrument in sorted(instruments.items()):
        digest.update(b"\0instrument\0" + name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(instrument.model_dump_json().encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def entry_for(batch: str | None, loaded: LoadedProfile) -> Path | None:
    """Where the row of ``loaded`` in the run keyed ``batch`` is kept; None when the cache is off or the profile
    was not read from a regular file (no stable text to key on)."""
    text = loaded.document.text
    if batch is None or not loaded.regular or text is None:
        return None
    digest = hashlib.sha256(f"{batch}|".encode())
    digest.update(loaded.document.path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return entry_file(KIND, digest.hexdigest())


def fetch(path: Path | None, profile_id: str) -> Entry | None:
    """The row kept at ``path``, or None (none kept, damaged, or a row of another profile: a miss)."""
    found = read_parsed(path, _Entry.model_validate_json, (ValidationError, ValueError, RecursionError))
    if found is None or found.row.id != profile_id:
        return None
    return Entry(found.row, found.statuses)


def store(path: Path | None, entry: Entry) -> None:
    """Keep ``entry`` at ``path`` (nothing when it is None)."""
    if path is None:
        return
    try:
        # Unset fields stay unset, so the row read back renders as the one computed, byte for byte.
        payload = _Entry(row=entry.row, statuses=entry.statuses).model_dump_json(exclude_unset=True)
    except ValueError:
        return
    write_entry(path, payload.encode("utf-8", "surrogatepass"))
    prune_once(KIND, KEEP)
