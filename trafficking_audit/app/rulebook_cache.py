"""A cache of the loaded and checked rulebook, keyed by the bytes of its files: editing a profile does not
reload the rules.

Why: every audit loads the rulebook: it parses about twenty YAML files, validates some eighty
rules, checks each rule's fact paths, operands and citations, and parses and trial-renders every
recommendation template against the whitelist. None of that changes unless a rule file or the
code changes, yet it cost about as much as the import floor of the whole stack on every edit of a
profile. So the validated rulebook (header, instrument catalogue and every rule, as the JSON of
the models) is kept in the cache folder (:mod:`trafficking_audit.load.cache`, kind ``rulebook``)
under a hash of:

- the package's code and the library versions (the fingerprint of the report cache);
- the working directory and the rules folder (the file names in positions depend on them);
- the name and bytes of every ``*.yaml`` file of the rules folder, read once
  (:mod:`trafficking_audit.load.inputs`): the bytes hashed are the bytes a miss parses.

On a hit the rules are validated from that JSON (pydantic's JSON parser, a few milliseconds)
instead of parsed from YAML and checked again; the documents keep the files' text, so a position
needed for an error message is found by parsing the file then, as for a cached profile. Only a
rulebook that loaded and passed its template checks is stored: a rule file with an error is
read, and reported, every time. An entry that does not validate is a miss and is replaced.
``TRAFFICKING_AUDIT_NO_CACHE=1`` turns it off with the other caches.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel

from trafficking_audit.app.report_cache import code_fingerprint
from trafficking_audit.errors import InputError
from trafficking_audit.load import inputs
from trafficking_audit.load.cache import (
    cache_dir,
    entry_file,
    hash_files,
    prune_once,
    read_entry,
    touch_entry,
    write_entry,
)
from trafficking_audit.load.loader import NOT_RULE_FILES, Rulebook, load_rulebook
from trafficking_audit.load.yamlsource import Document, decode
from trafficking_audit.models.rule import Instrument, Rule

KIND = "rulebook"
FORMAT = "1"  # bump when what an entry holds changes
KEEP = 32  # rulebooks kept (one per version of the rules a user works with)


class _File(BaseModel):
    path: str  # as shown in positions (display_path)
    name: str  # the file's name in the rules folder
    rules: list[Rule]


class _Entry(BaseModel):
    version: str
    title: str
    instruments: list[Instrument]
    files: list[_File]


def load_checked(rules_dir: Path, every_template: bool = False) -> Rulebook:
    """The rulebook of ``rules_dir`` with its recommendation templates checked, from the cache when its
    files and the code are unchanged.

    Every template must be within the whitelist (else the positioned error of its rule file). With
    ``every_template`` (the ``audit rules`` commands, which are about the rules) each is also compiled and
    tried with sample values, as ``audit check`` does; without it (the audits) a template is compiled when
    a finding needs its text, and fails then (the same positioned error) if it fails for that finding: an
    audit does not pay to compile the seventy templates it does not use. A rulebook is stored only once
    every template passed both, so what a command does never depends on whether the cache had it.
    """
    return _load(rules_dir, strict=True, every_template=every_template)


def load_for_check(rules_dir: Path) -> Rulebook:
    """The rulebook as context for ``audit check`` (the critical facts of profiles, provision lists): from the
    cache when it is there, else loaded, and stored when its templates pass (a rulebook whose templates
    fail is still context: ``audit check`` reports those templates when it checks the rule files)."""
    return _load(rules_dir, strict=False)


def _load(rules_dir: Path, *, strict: bool, every_template: bool = True) -> Rulebook:
    """The cached or loaded rulebook; a template that fails (``every_template``: the whitelist or the trial
    renders; else the whitelist) raises when ``strict``, else the rulebook is returned unstored."""
    with inputs.kept():  # the files hashed for the key are the files a miss loads
        key = _key(rules_dir)
        book = _fetch(key, rules_dir)
        if book is not None:
            book.locate_templates()
            return book
        book = load_rulebook(rules_dir)
        if key is None and not strict:
            return book  # context for `audit check`, and no cache to store it in: its templates are not needed
        # Only on a miss: the template language (Jinja) and the result models it brings are not needed for a hit.
        from trafficking_audit.engine.recommend import check_templates

        if strict and not every_template:
            check_templates(book, tried=False)
            if key is None:
                return book  # no cache to store it in: the others are compiled when a finding needs one
        try:
            check_templates(book)
        except InputError:
            if strict and every_template:
                raise
            return book
        _store(key, book)
    return book


def _rule_files(rules_dir: Path) -> list[Path]:
    return sorted(rules_dir.glob("*.yaml"), key=lambda p: p.name) if rules_dir.is_dir() else []


def _key(rules_dir: Path) -> str | None:
    if cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}|{code_fingerprint()}|".encode())
    digest.update(json.dumps([os.getcwd(), str(rules_dir)]).encode("utf-8", "surrogateescape"))
    if not hash_files(digest.update, rules_dir, _rule_files(rules_dir)):
        return None  # a FIFO or device among the rule files: nothing stable to key on
    return digest.hexdigest()


def _fetch(key: str | None, rules_dir: Path) -> Rulebook | None:
    if key is None:
        return None
    path = entry_file(KIND, key)
    stored = read_entry(path)
    if stored is None:
        return None
    try:
        entry = _Entry.model_validate_json(stored)
        book = Rulebook(entry.version, entry.title, {i.id: i for i in entry.instruments}, [])
        for cached in entry.files:
            # The text read for the key, kept for positions: parsed only if an error needs one.
            text = decode(inputs.read_input(rules_dir / cached.name).content, cached.path)
            book.documents[cached.path] = Document(cached.path, text=text)
            for rule in cached.rules:
                book.rule_files[rule.id] = cached.path
                book.rules.append(rule)
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry (invalid, unreadable file), it is a miss
        return None
    # An entry of the right shape for other files (copied, or a bug) would be served with its key's
    # header intact: its files must be the folder's rule files, and each rule id must be in its file.
    names = {p.name for p in _rule_files(rules_dir) if p.name not in NOT_RULE_FILES}
    if {f.name for f in entry.files} != names or len(entry.files) != len(names):
        return None
    if len(book.instruments) != len(entry.instruments) or len(book.rule_files) != len(book.rules):
        return None
    text_of = {path: document.text or "" for path, document in book.documents.items()}
    if any(rule.id not in text_of[book.rule_files[rule.id]] for rule in book.rules):
        return None
    touch_entry(path)
    return book


def _store(key: str | None, book: Rulebook) -> None:
    if key is None:
        return
    by_file: dict[str, list[Rule]] = {path: [] for path in book.documents}  # files without rules too
    for rule in book.rules:
        by_file[book.rule_files[rule.id]].append(rule)
    entry = _Entry(
        version=book.version,
        title=book.title,
        instruments=list(book.instruments.values()),
        files=[_File(path=path, name=Path(path).name, rules=rules) for path, rules in by_file.items()],
    )
    try:
        payload = entry.model_dump_json(exclude_unset=True).encode("utf-8")
    except ValueError:
        return
    write_entry(entry_file(KIND, key), payload)
    prune_once(KIND, KEEP)
