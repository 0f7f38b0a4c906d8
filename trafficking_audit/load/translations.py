"""The rulebook's texts in another language: ``rules/translations/<lang>.yaml``, checked and applied.

Why a file per language beside the rules, keyed by id and field: a translator works on one file
and sees every text of the rulebook in it, and a rule file stays readable in English. Each
translated text carries ``en``, the first 12 hex digits of the SHA-256 of the English text it was
made from (as loaded, after YAML folding), so a change of the English shows as a stale
translation instead of a silently outdated one.

The file is read only when a report is asked for in another language than English (English
start-up does not pay for it). A malformed file (an unknown rule or field, a text that is not a
string, a hash that is not 12 hex digits) is a positioned error, exit 2. A missing or stale entry
is not: the English text stands in, and ``audit check`` reports ``missing-translation`` or
``stale-translation`` (:func:`translation_gaps`), so a rule added in English does not stop every
Russian report until it is translated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from trafficking_audit.errors import InputError, InputErrors, Position
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.yamlsource import Document, PathKey, load_yaml

TRANSLATIONS_DIR = "translations"
INSTRUMENT_FIELDS = ("title", "short")
RULE_FIELDS = ("title", "summary", "rationale", "recommendation", "not_applicable_reason")
AREA_FIELD = "area"
_HASH = re.compile(r"^[0-9a-f]{12}$")
Section = Literal["instruments", "areas", "rules"]


def english_hash(text: str) -> str:
    """The ``en`` of a translation: the first 12 hex digits of the SHA-256 of the English text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


@dataclass(frozen=True)
class Source:
    """One English text of the rulebook that a language must translate: where it lives and what it says."""

    section: Section
    key: str  # instrument id, rule file stem or rule id
    field: str
    text: str

    @property
    def loc(self) -> PathKey:
        """Where its translation sits in a translation file."""
        return (self.section, self.key, self.field)


def english_texts(book: Rulebook) -> list[Source]:
    """Every text of the rulebook a translation must give, in the order of the files."""
    found = [
        Source("instruments", instrument.id, name, getattr(instrument, name))
        for instrument in book.instruments.values()
        for name in INSTRUMENT_FIELDS
    ]
    for path, document in book.documents.items():
        area = document.data.get("area") if isinstance(document.data, dict) else None
        if isinstance(area, str):
            found.append(Source("areas", Path(path).stem, AREA_FIELD, area))
    for rule in book.rules:
        found += [
            Source("rules", rule.id, name, getattr(rule, name))
            for name in RULE_FIELDS
            if getattr(rule, name) is not None
        ]
    return found


@dataclass(frozen=True)
class Entry:
    """A translated text, the hash of the English it was made from, and where it is written."""

    text: str
    en: str
    position: Position


@dataclass
class Translation:
    """A language's texts by (section, key, field), from one file."""

    lang: str
    path: str
    entries: dict[PathKey, Entry] = field(default_factory=dict)

    def text(self, source: Source) -> str:
        """The translated text of ``source``, or its English when none is given (see :func:`translation_gaps`)."""
        entry = self.entries.get(source.loc)
        return source.text if entry is None else entry.text


def translation_file(rules_dir: Path, lang: str) -> Path:
    """Where the texts of ``lang`` live for the rules in ``rules_dir``."""
    return rules_dir / TRANSLATIONS_DIR / f"{lang}.yaml"


def load_translation(rules_dir: Path, lang: str, book: Rulebook) -> Translation:
    """Read and check the texts of ``lang`` for ``book``; every problem of the file at once, positioned.
    No file: a translation with no text (every text missing, English in its place)."""
    path = translation_file(rules_dir, lang)
    if not path.exists():
        return Translation(lang, str(path))
    return read_translation(load_yaml(path), book, lang)


def read_translation(document: Document, book: Rulebook, lang: str | None = None) -> Translation:
    """Check the texts of a parsed translation file for ``book`` (of ``lang`` when given, else of its own
    ``lang``); every problem of the file at once, positioned."""
    own = document.data.get("lang")
    translation = Translation(lang or str(own), document.path)
    problems = list(_read(document, lang, book, translation))
    if problems:
        raise InputErrors(problems)
    return translation


def _read(document: Document, lang: str | None, book: Rulebook, translation: Translation) -> Iterator[InputError]:
    from trafficking_audit.models.language import LANGUAGES, SOURCE

    data: dict[str, Any] = document.data
    if lang is not None and data.get("lang") != lang:
        yield InputError(f"`lang` must be '{lang}' (the file's name)", document.position(("lang",)), code="translation")
    elif data.get("lang") not in LANGUAGES or data.get("lang") == SOURCE:
        others = ", ".join(code for code in LANGUAGES if code != SOURCE)
        yield InputError(
            f"`lang` must be a language with a catalogue other than {SOURCE}: {others}",
            document.position(("lang",)),
            code="translation",
        )
    allowed: dict[Section, tuple[set[str], tuple[str, ...]]] = {
        "instruments": (set(book.instruments), INSTRUMENT_FIELDS),
        "areas": ({Path(p).stem for p in book.documents}, (AREA_FIELD,)),
        "rules": ({r.id for r in book.rules}, RULE_FIELDS),
    }
    for name in data:
        if name != "lang" and name not in allowed:
            yield InputError(
                f"unknown section '{name}' (expected lang, {', '.join(allowed)})",
                document.position((name,)),
                code="translation",
            )
    for section, (keys, fields) in allowed.items():
        block = data.get(section)
        if block is None:
            continue
        if not isinstance(block, dict):
            yield InputError(f"`{section}` must be a mapping by id", document.position((section,)), code="translation")
            continue
        for key, texts in block.items():
            if section == "areas":  # an area has one text: `offences: {text, en}`, no field name
                texts = {AREA_FIELD: texts}
            yield from _read_item(document, (section, key), keys, fields, texts, translation)


def _read_item(
    document: Document,
    loc: tuple[str, str],
    keys: set[str],
    fields: tuple[str, ...],
    texts: Any,
    translation: Translation,
) -> Iterator[InputError]:
    section, key = loc
    if key not in keys:
        kind = {"instruments": "instrument", "areas": "rule file", "rules": "rule"}[section]
        yield InputError(f"no {kind} with id '{key}' in the rulebook", document.position(loc), code="translation")
        return
    if not isinstance(texts, dict):
        yield InputError("expected a mapping of field: {text, en}", document.position(loc), code="translation")
        return
    for name, value in texts.items():
        at = (*loc, name)
        if name not in fields:
            yield InputError(
                f"unknown field '{name}' (expected one of {', '.join(fields)})",
                document.position(at),
                code="translation",
            )
            continue
        if not isinstance(value, dict) or set(value) != {"text", "en"}:
            yield InputError("expected {text: ..., en: ...}", document.position(at), code="translation")
            continue
        text, en = value["text"], value["en"]
        if not isinstance(text, str) or not text.strip():
            yield InputError("`text` must be a non-empty string", document.position((*at, "text")), code="translation")
            continue
        if not isinstance(en, str) or not _HASH.match(en):
            yield InputError(
                "`en` must be 12 lower-case hex digits (sha256 of the English text; "
                "scripts/translation_hashes.py prints them)",
                document.position((*at, "en")),
                code="translation",
            )
            continue
        translation.entries[at] = Entry(text, en, document.position((*at, "text")))


@dataclass(frozen=True)
class Gap:
    """A text the language lacks (``missing-translation``) or made from older English (``stale-translation``)."""

    code: Literal["missing-translation", "stale-translation"]
    source: Source
    position: Position | None  # of the stale translation; None when missing

    @property
    def message(self) -> str:
        """One line for ``audit check``."""
        where = ".".join(str(part) for part in self.source.loc)
        if self.code == "missing-translation":
            return f"{where}: no translation (English hash {english_hash(self.source.text)})"
        return f"{where}: translated from another English text (English hash now {english_hash(self.source.text)})"


def translation_gaps(book: Rulebook, translation: Translation) -> list[Gap]:
    """Every missing or stale text of ``translation``, in the order of :func:`english_texts`."""
    gaps = []
    for source in english_texts(book):
        entry = translation.entries.get(source.loc)
        if entry is None:
            gaps.append(Gap("missing-translation", source, None))
        elif entry.en != english_hash(source.text):
            gaps.append(Gap("stale-translation", source, entry.position))
    return gaps


def translated(book: Rulebook, translation: Translation) -> Rulebook:
    """``book`` with its instruments' and rules' texts in the translation's language (English where it has none)."""
    instruments = {
        key: instrument.model_copy(
            update={
                f: translation.text(Source("instruments", key, f, getattr(instrument, f))) for f in INSTRUMENT_FIELDS
            }
        )
        for key, instrument in book.instruments.items()
    }
    rules = []
    for rule in book.rules:
        update = {
            f: translation.text(Source("rules", rule.id, f, getattr(rule, f)))
            for f in RULE_FIELDS
            if getattr(rule, f) is not None
        }
        copy = rule.model_copy(update=update)
        entry = translation.entries.get(("rules", rule.id, "recommendation"))
        if entry is not None:
            position = entry.position
            copy.locate_recommendation(lambda position=position: position)  # type: ignore[misc]
        rules.append(copy)
    return Rulebook(book.version, book.title, instruments, rules, dict(book.rule_files), dict(book.documents))
