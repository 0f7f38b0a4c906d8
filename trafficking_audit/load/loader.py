"""Loading profiles and the rulebook from YAML into validated models.

This is the only layer that reads data files. Everything it returns is validated;
everything it rejects is an :class:`~trafficking_audit.errors.InputError` with a
position. Rule conditions are checked here against the profile schema, so a rule
that names a field the schema lacks fails at load time with its file and line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trafficking_audit.errors import InputError, Position, display_path, real_path
from trafficking_audit.load import ahead as parse_ahead
from trafficking_audit.load import cache, inputs
from trafficking_audit.load.data import DataLocation, looks_like_path
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import Document, PathKey, load_yaml, parse_yaml, read_source
from trafficking_audit.models.names import Name, name_key, names_of
from trafficking_audit.models.paths import PathError, fact_values
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import (
    OPERATORS,
    Instrument,
    InstrumentCatalogue,
    Rule,
    RulebookHeader,
    RuleFile,
)
from trafficking_audit.models.vocabulary import OBLIGATIONS, STRENGTH_OBLIGATION

CONDITION_FIELDS = ("applies_if", "met", "partially_met")
# The files of a rules folder that hold no rules: the header, the instrument catalogue, the provision list.
NOT_RULE_FILES = ("rulebook.yaml", "instruments.yaml", "provisions.yaml")
NAMES = "names"  # the kind of cache entry of the name index (:meth:`ProfileIndex.resolve`)
# Name indexes kept: one per state of the jurisdictions folder (its files' names and bytes), so a few edits'
# worth is plenty; the bound is the report cache's, whose entries change with the same edits.
KEEP_NAMES = 256


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile with the file it came from and the positions of its values."""

    profile: Profile
    document: Document
    regular: bool = True  # read from a regular file: its content may key cache entries (not /dev/stdin, a FIFO)


def load_profile(path: Path, positions: bool = False, ahead: parse_ahead.Ahead | None = None) -> LoadedProfile:
    """Read and validate one profile file (the validated model from :mod:`~trafficking_audit.load.cache` when
    the file and the code are unchanged; the document then parses its text only if asked for its data).

    The text is read once and the same text is hashed and parsed; a file that is not a regular file
    (``/dev/stdin``, a FIFO) is neither looked up nor stored. ``positions``: note every value's position
    while parsing, for a profile whose warnings will be printed (one parse, not a second for positions).
    ``ahead``: the file may have been parsed ahead by a helper process (:mod:`~trafficking_audit.load.ahead`).
    """
    text, regular = read_source(path)
    cached = cache.fetch(Profile, text) if regular else None
    if cached is not None and cached.id in text:  # (an entry of another profile's model is not served)
        return LoadedProfile(cached, Document(display_path(path), text=text))
    parsed = ahead.document(display_path(path), text) if ahead is not None and not positions else None
    doc = parsed or parse_yaml(text, display_path(path), positions=positions)
    profile = validate(Profile, doc)
    if regular:
        cache.store(Profile, text, profile)
    return LoadedProfile(profile, doc, regular)


def to_parse(paths: Sequence[Path], loaded: Collection[Path] = ()) -> list[tuple[str, str]]:
    """(displayed path, text) of each of ``paths`` that :func:`load_profile` will parse: not among the resolved
    paths ``loaded``, and no validated model in the cache (a hint: a damaged entry is parsed there too). A file
    that cannot be read is left out (:func:`load_profile` reports it in its turn), and so is one that is not a
    regular file (read twice, a FIFO would give its bytes only once)."""
    found = []
    for path in paths:
        if real_path(path) in loaded:
            continue
        if not _is_file(path):  # a FIFO or a device (not even opened: it may give its bytes once, or wait)
            continue
        try:
            text, regular = read_source(path)
        except InputError:
            continue
        entry = cache.entry_path(Profile, text) if regular else None
        if entry is None or not entry.exists():
            found.append((display_path(path), text))
    return found


@dataclass
class Rulebook:
    """The rules, the instruments they cite, and the version recorded in every report."""

    version: str
    title: str
    instruments: dict[str, Instrument]
    rules: list[Rule]
    rule_files: dict[str, str] = field(default_factory=dict)  # rule id -> file it came from
    documents: dict[str, Document] = field(default_factory=dict)  # file -> parsed document

    def get(self, rule_id: str) -> Rule:
        """The rule with this id, or an InputError listing the close ones."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in self.rules], n=3)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise InputError(f"no rule with id '{rule_id}'{hint}", code="usage")

    def location(self, rule_id: str) -> tuple[Document, PathKey]:
        """The document of the file a rule came from, and the path of the rule inside it."""
        document = self.documents[self.rule_files[rule_id]]
        for index, raw in enumerate(document.data.get("rules") or []):
            if isinstance(raw, dict) and raw.get("id") == rule_id:
                return document, ("rules", index)
        raise KeyError(rule_id)  # unreachable for a rule the rulebook loaded from this document

    def template_position(self, rule_id: str) -> Position:
        """Where a rule's recommendation template stands in its file."""
        document, loc = self.location(rule_id)
        return document.position(loc + ("recommendation",))

    def locate_templates(self) -> None:
        """Let each rule find its template's position when an audit's rendering of it fails (found then, not
        now: a rulebook from the cache parses its files only if an error needs a position). Here, not in the
        engine, so that a command that only reads the rulebook (``audit check``) does not import Jinja."""
        for rule in self.rules:
            rule.locate_recommendation(functools.partial(self.template_position, rule.id))


def load_rulebook(rules_dir: Path) -> Rulebook:
    """Load ``rulebook.yaml``, ``instruments.yaml`` and every other ``*.yaml`` rule file (``provisions.yaml``
    is read by :mod:`trafficking_audit.load.provisions` when a command needs it)."""
    header = validate(RulebookHeader, load_yaml(rules_dir / "rulebook.yaml"))
    catalogue_doc = load_yaml(rules_dir / "instruments.yaml")
    catalogue = validate(InstrumentCatalogue, catalogue_doc)
    instruments: dict[str, Instrument] = {}
    for index, instrument in enumerate(catalogue.instruments):
        if instrument.id in instruments:
            raise InputError(
                f"duplicate instrument id '{instrument.id}'",
                catalogue_doc.position(("instruments", index, "id")),
                code="duplicate-instrument",
            )
        instruments[instrument.id] = instrument
    book = Rulebook(header.version, header.title, instruments, [])
    for path in sorted(rules_dir.glob("*.yaml"), key=lambda p: p.name):
        if path.name in NOT_RULE_FILES:
            continue
        doc = load_yaml(path)
        rule_file = validate(RuleFile, doc)
        book.documents[doc.path] = doc
        for index, rule in enumerate(rule_file.rules):
            check_rule(rule, doc, ("rules", index), instruments)
            if rule.id in book.rule_files:
                raise InputError(
                    f"duplicate rule id '{rule.id}' (also in {book.rule_files[rule.id]})",
                    doc.position(("rules", index, "id")),
                    code="duplicate-rule",
                )
            book.rule_files[rule.id] = doc.path
            book.rules.append(rule)
    return book


def check_rule(rule: Rule, doc: Document, loc: PathKey, instruments: dict[str, Instrument]) -> None:
    """Check a rule's fact paths, operator values and citations against the schema and catalogue.

    Its recommendation template is checked by the engine (:func:`~trafficking_audit.engine.recommend.check_templates`),
    which owns the template language: loading stays free of Jinja.
    """
    raw = _at(doc.data, loc)
    for index, citation in enumerate(rule.citations):
        if citation.instrument not in instruments:
            raise InputError(
                f"rule '{rule.id}' cites unknown instrument '{citation.instrument}'",
                doc.position(loc + ("citations", index, "instrument")),
                code="unknown-instrument",
            )
        inserted_by = citation.inserted_by
        if inserted_by is not None:
            unknown = inserted_by not in instruments
            amending = None if unknown else instruments[inserted_by]
            # A stand-in for a catalogue that failed to load answers every id with a placeholder of another id.
            if unknown or (
                amending is not None and amending.id == inserted_by and amending.amends != citation.instrument
            ):
                what = "an unknown instrument" if unknown else "an instrument that does not amend it"
                raise InputError(
                    f"rule '{rule.id}' cites {citation.instrument} art. {citation.article} as inserted by "
                    f"'{citation.inserted_by}', {what}",
                    doc.position(loc + ("citations", index, "inserted_by")),
                    code="unknown-instrument",
                )
    strongest = min((STRENGTH_OBLIGATION[c.strength] for c in rule.citations), key=OBLIGATIONS.index)
    if OBLIGATIONS.index(rule.obligation) < OBLIGATIONS.index(strongest):
        raise InputError(
            f"rule '{rule.id}' is graded {rule.obligation}, but none of its citations is stronger than {strongest}: "
            "an obligation needs a text that carries it",
            doc.position(loc + ("obligation",)),
            code="obligation-unsupported",
        )
    for name in CONDITION_FIELDS:
        if raw.get(name) is not None:
            _check_condition(raw[name], doc, loc + (name,), rule.id)
    for index, example in enumerate(raw.get("examples") or []):
        for path in example.get("facts") or {}:
            _check_path(path, doc, loc + ("examples", index, "facts", path), rule.id)


def _check_condition(raw: dict[str, Any], doc: Document, loc: PathKey, rule_id: str) -> None:
    for combinator in ("all", "any"):
        for index, child in enumerate(raw.get(combinator) or []):
            _check_condition(child, doc, loc + (combinator, index), rule_id)
    if raw.get("not") is not None:
        _check_condition(raw["not"], doc, loc + ("not",), rule_id)
    if "fact" in raw:
        kind, allowed = _check_path(raw["fact"], doc, loc + ("fact",), rule_id)
        for op in OPERATORS:
            if op in raw:
                _check_operand(kind, allowed, op, raw[op], doc, loc + (op,), rule_id)


def _check_path(path: str, doc: Document, loc: PathKey, rule_id: str) -> tuple[str, Any]:
    try:
        return fact_values(path)
    except PathError as exc:
        raise InputError(f"rule '{rule_id}': {exc}", doc.position(loc), code="unknown-path") from None


def _check_operand(kind: str, allowed: Any, op: str, operand: Any, doc: Document, loc: PathKey, rule_id: str) -> None:
    """Operators must suit the fact's type, and enumeration values must exist."""
    numeric = kind in ("int", "number")
    problem = None
    if op in ("gte", "lte") and not numeric:
        problem = f"'{op}' needs a numeric fact, but it is {kind}"
    elif op in ("contains", "contains_any") and kind != "list":
        problem = f"'{op}' needs a list fact, but it is {kind}"
    elif allowed:
        values = operand if isinstance(operand, list) else [operand]
        wrong = [v for v in values if v not in allowed]
        if wrong:
            problem = f"{wrong[0]!r} is not a possible value (one of: {', '.join(map(str, allowed))})"
    if problem:
        raise InputError(f"rule '{rule_id}': {problem}", doc.position(loc), code="bad-operand")


def _at(data: Any, loc: PathKey) -> Any:
    for step in loc:
        data = data[step]
    return data


# Checks every loaded profile must pass (the app layer supplies them): given the profile and whether it is one
# of the data's own files, they raise an InputError on an error and return the warnings.
Vetter = Callable[[LoadedProfile, bool], Sequence[Any]]


@dataclass
class ProfileIndex:
    """Every profile in the data, loaded on first use and looked up by id, code or alias.

    With a ``vetter``, each profile is checked once, as it is loaded; its warnings are kept in
    ``warnings`` by profile file, so a command can print them once and put them in its report.
    """

    location: DataLocation
    vetter: Vetter | None = None
    # A helper process parsing profile files ahead (:func:`to_parse`, :mod:`~trafficking_audit.load.ahead`).
    ahead: parse_ahead.Ahead | None = None
    warnings: dict[str, list[Any]] = field(default_factory=dict)
    _loaded: dict[Path, LoadedProfile] = field(default_factory=dict)

    def load(self, path: Path, positions: bool = False) -> LoadedProfile:
        """Load a profile file once per run (``positions``: see :func:`load_profile`)."""
        key = real_path(path)
        if key not in self._loaded:
            self._loaded[key] = self._vetted(load_profile(path, positions, self.ahead), key)
        return self._loaded[key]

    def _vetted(self, loaded: LoadedProfile, resolved: Path) -> LoadedProfile:
        if self.vetter is not None and loaded.document.path not in self.warnings:
            inside = resolved.parent == real_path(self.location.jurisdictions)
            self.warnings[loaded.document.path] = list(self.vetter(loaded, inside))
        return loaded

    def warnings_of(self, loaded: LoadedProfile) -> list[Any]:
        """The warnings the vetter found in one loaded profile."""
        return self.warnings.get(loaded.document.path, [])

    def all(self, failures: list[InputError] | None = None) -> list[LoadedProfile]:
        """Every bundled profile, in file-name order (on ``failures``, see :meth:`each`).

        The files that must be parsed (not loaded yet, no validated model in the cache) but the first are
        parsed ahead by a helper process while this one validates and checks (:mod:`~trafficking_audit.load.ahead`),
        unless :attr:`ahead` already parses them.
        """
        paths = self.location.profile_files()
        if self.ahead is None:
            self.ahead = parse_ahead.start(to_parse(paths, self._loaded)[1:])
        loaded = []
        try:
            for path in paths:
                try:
                    loaded.append(self.load(path))
                except InputError as exc:
                    if failures is None:
                        raise
                    failures.append(exc)
        finally:  # every profile is loaded now (or the command stops): the helper has nothing left to do
            self.close()
        return loaded

    def close(self) -> None:
        """Stop the helper that parses ahead, if any (the profiles it parsed and were taken stay loaded)."""
        if self.ahead is not None:
            self.ahead.close()

    def each(
        self, failures: list[InputError] | None = None, paths: Sequence[Path] | None = None
    ) -> Iterator[LoadedProfile]:
        """Every profile (or those of ``paths``) in file-name order, one at a time and not kept: one pass over many
        profiles.

        With ``failures``, a profile that fails to load or fails its checks is recorded there and skipped,
        so that a batch can name every bad file in one run instead of stopping at the first.
        """
        for path in self.location.profile_files() if paths is None else paths:
            loaded = self._loaded.get(real_path(path)) if self._loaded else None
            if loaded is None:
                try:
                    loaded = self._vetted(load_profile(path), real_path(path))
                except InputError as exc:
                    if failures is None:
                        raise
                    failures.append(exc)
                    continue
            yield loaded

    def resolve(self, argument: str) -> LoadedProfile:
        """The profile a jurisdiction argument names (id, ISO code, name, alias or file path).

        Names are compared by :func:`name_key` (NFC, case folded); a name that more than one profile
        answers to is refused with the candidates, never settled by file order. Every profile's names
        come from the name index of the cache when no profile file changed (:meth:`_index_key`): only the
        profile named is loaded then.
        """
        if looks_like_path(argument):
            return self.load(Path(argument), positions=True)  # the one profile whose warnings are printed
        wanted = name_key(argument)
        key = self._index_key() if wanted else None
        indexed = _fetch_names(key)
        if indexed is not None:
            found = _matching(indexed, wanted)
            if len(found) == 1:
                return self.load(Path(next(iter(found))), positions=True)
            if found:
                raise _ambiguous(argument, {names[0].owner: names for names in found.values()})
            # An unknown name: the full lookup below gives its message and suggestions.
        profiles = {loaded.document.path: loaded for loaded in self.all()} if wanted else {}
        if key is not None:  # every profile loaded and passed its checks: their names can be kept
            _store_names(key, {str(path): self.names(self.load(path)) for path in self.location.profile_files()})
        found = {}
        for path, loaded in profiles.items():
            matching = [n for n in self.names(loaded) if name_key(n.value) == wanted]
            if matching:
                found[path] = matching
        if len(found) == 1:
            return profiles[next(iter(found))]
        if found:
            raise _ambiguous(argument, found)
        import difflib

        ids = [p.profile.id for p in profiles.values()]
        titles = {n.casefold(): p.profile.id for p in profiles.values() for n in (p.profile.name, *p.profile.aliases)}
        close = difflib.get_close_matches(wanted, [*ids, *titles], n=1, cutoff=0.75)
        hint = f"did you mean '{titles.get(close[0], close[0])}'? " if close else ""
        known = ", ".join(ids) or "none"
        raise InputError(
            f"unknown jurisdiction '{argument}' ({hint}known: {known}; or give a path to a YAML file)", code="usage"
        )

    def names_by_file(self, skip: Collection[Path] = ()) -> dict[str, list[Name]]:
        """File -> the names its profile answers to, for every profile of the data that loads, but those in
        ``skip`` (resolved paths: the files being checked, whose names come from their checked documents).

        From the name index when none of these files changed (inside a
        :func:`~trafficking_audit.load.inputs.kept` block), so ``audit check`` of one edited file compares
        its names with the others' without loading them. A profile that does not load is left out (its
        own check reports it), and the index is then not kept.
        """
        files = [path for path in self.location.profile_files() if real_path(path) not in skip]
        key = self._index_key(files, sorted(str(path) for path in skip))
        indexed = _fetch_names(key)
        if indexed is not None:
            return indexed
        found: dict[str, list[Name]] = {}
        complete = True
        for path in files:
            try:
                found[str(path)] = self.names(self.load(path))
            except (InputError, OSError):
                complete = False
        if complete:
            _store_names(key, found)
        return found

    def _index_key(self, files: Sequence[Path] | None = None, skipped: Sequence[str] = ()) -> str | None:
        """The key of the name index: the names of every profile file (or of ``files``, those ``skipped`` left
        out), by the files' names and bytes.

        Only inside a :func:`~trafficking_audit.load.inputs.kept` block (the bytes hashed are the bytes
        loaded on a miss) and only when every profile is a regular file; the code that reads names is
        in the key too, and so are the working directory and folder (names carry displayed paths).
        """
        if not inputs.holding() or cache.cache_dir() is None:
            return None
        digest = hashlib.sha256(f"names|{cache.code_fingerprint()}|".encode())
        checked = self.vetter is not None  # an index of unchecked profiles is never served to a checked run
        options = [os.getcwd(), str(self.location.jurisdictions), checked, list(skipped)]
        digest.update(json.dumps(options).encode("utf-8", "surrogateescape"))
        listed = self.location.profile_files() if files is None else files
        if not cache.hash_files(digest.update, self.location.jurisdictions, listed):
            return None
        return digest.hexdigest()

    @staticmethod
    def names(loaded: LoadedProfile) -> list[Name]:
        """Every name a loaded profile answers to (its file name's stem among them)."""
        p = loaded.profile
        names = names_of(loaded.document.path, p.id, p.iso2, p.iso3, p.name, p.aliases)
        stem = Path(loaded.document.path).stem
        if stem != p.id:
            names.append(Name(loaded.document.path, p.id, "file name", stem, ("id",)))
        return names


def _matching(indexed: dict[str, list[Name]], wanted: str) -> dict[str, list[Name]]:
    """File -> its names equal to ``wanted`` (files without such a name left out)."""
    found = {}
    for file, names in indexed.items():
        matching = [n for n in names if name_key(n.value) == wanted]
        if matching:
            found[file] = matching
    return found


def _ambiguous(argument: str, found: dict[str, list[Name]]) -> InputError:
    candidates = "; ".join(
        f"{names[0].profile_id} ({', '.join(f'{n.kind} {n.value!r}' for n in names)}) in {path}"
        for path, names in found.items()
    )
    return InputError(
        f"ambiguous jurisdiction '{argument}': it names {len(found)} profiles: {candidates}; "
        "give a path to the YAML file, and run `audit check` to find the clash",
        code="usage",
    )


def _fetch_names(key: str | None) -> dict[str, list[Name]] | None:
    """The name index kept under ``key`` (file -> the names its profile answers to), or None."""
    if key is None:
        return None
    errors = (ValueError, TypeError, RecursionError, AttributeError)
    return cache.read_parsed(cache.entry_file(NAMES, key), _names_of, errors)


def _names_of(body: bytes) -> dict[str, list[Name]]:
    return {
        str(file): [Name(str(o), str(i), str(k), str(v), tuple(f)) for o, i, k, v, f in names]
        for file, names in json.loads(body).items()
    }


def _store_names(key: str | None, index: dict[str, list[Name]]) -> None:
    if key is None:
        return
    payload = {
        file: [[n.owner, n.profile_id, n.kind, n.value, list(n.field)] for n in names] for file, names in index.items()
    }
    try:
        encoded = json.dumps(payload).encode("ascii")
    except (ValueError, TypeError):
        return
    cache.write_entry(cache.entry_file(NAMES, key), encoded)
    cache.prune_once(NAMES, KEEP_NAMES)


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the system refuses (too long, say) is not one."""
    try:
        return path.is_file()
    except OSError:
        return False
