"""Finding the files ``audit check`` looks at, reading them, and assembling the report.

With no paths it checks the whole data (every rule file and every profile); given
files or folders, it checks those, telling profiles from rule files by their
content (a top-level ``rules`` list, an ``instruments`` catalogue, the
``rulebook.yaml`` header, a ``lang`` of a file of rule texts in another language) so a
pre-commit hook can pass any edited file. The whole data includes the rule texts of every
language it has (``rules/translations/<lang>.yaml``): each is checked against the rulebook, and a
text missing or made from older English is a warning (``missing-translation``,
``stale-translation``). The rest
of the data folder gives context: the instrument catalogue for citations and
treaty keys, and the ids of rules in files not being checked, for duplicates.
This is the I/O side of the check; the checks themselves are pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from trafficking_audit.check import gitbase
from trafficking_audit.check.names import check_names
from trafficking_audit.check.problems import from_error
from trafficking_audit.check.profiles import check_profile, critical_facts
from trafficking_audit.check.rules import (
    check_catalogue,
    check_header,
    check_provision_file,
    check_rule_files,
    rule_ids,
)
from trafficking_audit.check.translations import check_translation
from trafficking_audit.errors import InputError, display_path, real_path
from trafficking_audit.load import inputs
from trafficking_audit.load.data import DataLocation
from trafficking_audit.load.loader import NOT_RULE_FILES, LoadedProfile, ProfileIndex, Rulebook, load_rulebook
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import Document, decode, load_yaml, parse_yaml
from trafficking_audit.models.check import CheckReport, FindingChange, Problem
from trafficking_audit.models.names import Name
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Instrument

YAML_SUFFIXES = (".yaml", ".yml")
HEADER, CATALOGUE = "rulebook.yaml", "instruments.yaml"


def find_files(paths: Sequence[Path], location: DataLocation) -> list[Path]:
    """The files to check: the given files, the YAML files under given folders, or all the data."""
    if not paths:
        rules = sorted(location.rules.glob("*.yaml"), key=lambda p: p.name) if location.rules.is_dir() else []
        return [*rules, *translation_files(location), *location.profile_files()]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in YAML_SUFFIXES
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)  # .git, .venv, .github
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder", code="usage")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(real_path(path), path)
    return list(unique.values())


def translation_files(location: DataLocation) -> list[Path]:
    """The data's rule texts in the languages other than English that have a catalogue. A data folder
    without such a file (a user's own rules) does not claim that language, and is not told it lacks it."""
    from trafficking_audit.load.translations import translation_file
    from trafficking_audit.models.language import LANGUAGES, SOURCE

    files = [translation_file(location.rules, lang) for lang in LANGUAGES if lang != SOURCE]
    return [path for path in files if path.is_file()]


def kind_of(doc: Document) -> str:
    """What a parsed data file is: header, catalogue, rules, provisions, rule texts of a language, or profile."""
    data = doc.data
    if Path(doc.path).name == HEADER:
        return "header"
    if isinstance(data.get("lang"), str) and "id" not in data:
        return "translation"
    if "instruments" in data and "id" not in data:
        return "catalogue"
    if "rules" in data and "id" not in data:
        return "rules"
    if "provisions" in data and "id" not in data:
        return "provisions"
    return "profile"


def run_check(
    paths: Sequence[Path],
    location: DataLocation,
    today: dt.date,
    strict: bool = False,
    rulebook_of: Callable[[Path], Rulebook] = load_rulebook,
) -> CheckReport:
    """Check the files and return every problem, sorted (warnings as errors when ``strict``).

    ``rulebook_of`` loads the data folder's rulebook, the context of profile and provision checks (the
    command passes the rulebook cache's loader, which this layer cannot import).
    """
    files = find_files(paths, location)
    problems: list[Problem] = []
    documents: dict[str, list[Document]] = {
        "header": [],
        "catalogue": [],
        "rules": [],
        "provisions": [],
        "translation": [],
        "profile": [],
    }
    for path in files:
        try:
            doc = load_yaml(path)
        except InputError as exc:
            problems.extend(from_error(exc, display_path(path)))
            continue
        documents[kind_of(doc)].append(doc)
    for doc in documents["header"]:
        problems.extend(check_header(doc))
    instruments: dict[str, Instrument] | None = None
    for doc in documents["catalogue"]:
        found, catalogue = check_catalogue(doc)
        problems.extend(found)
        instruments = instruments or catalogue
    # The rulebook is the context of profile and provision checks; it holds the catalogue it loaded.
    rulebook = _bundled_rulebook(location, rulebook_of) if documents["profile"] or documents["provisions"] else None
    if instruments is None:
        instruments = dict(rulebook.instruments) if rulebook is not None else _bundled_catalogue(location)
    if documents["rules"]:
        checked = {real_path(Path(doc.path)) for doc in documents["rules"]}
        problems.extend(check_rule_files(documents["rules"], instruments, _rule_ids_elsewhere(location, checked)))
    for doc in documents["provisions"]:
        problems.extend(check_provision_file(doc, rulebook))
    for doc in documents["translation"]:
        problems.extend(check_translation(Path(doc.path), location))
    profiles: list[LoadedProfile] = []
    critical = critical_facts(rulebook.rules) if rulebook is not None else None
    for doc in documents["profile"]:
        try:
            loaded = LoadedProfile(validate(Profile, doc), doc)
        except InputError as exc:
            problems.extend(from_error(exc, doc.path))
            continue
        profiles.append(loaded)
        problems.extend(check_profile(loaded, today, instruments, critical))
    if profiles:
        folder = real_path(location.jurisdictions)
        inside = [one for one in profiles if real_path(Path(one.document.path)).parent == folder]
        others = _other_names(location, {real_path(Path(one.document.path)) for one in inside})
        problems.extend(check_names(profiles, [*(n for one in inside for n in ProfileIndex.names(one)), *others]))
    if strict:
        problems = [p.model_copy(update={"level": "error"}) for p in problems]
    unique = {(p.sort_key(), p.level): p for p in problems}
    return CheckReport(files=len(files), problems=sorted(unique.values(), key=Problem.sort_key))


def _other_names(location: DataLocation, checked: set[Path]) -> list[Name]:
    """The names of the data folder's profiles that are not being checked and load (from the name index when
    no profile file changed: the files are hashed, not loaded)."""
    with inputs.kept():  # the files hashed for the index's key are the files a miss loads
        indexed = ProfileIndex(location).names_by_file(skip=checked)
    return [name for names in indexed.values() for name in names]


def _bundled_catalogue(location: DataLocation) -> dict[str, Instrument] | None:
    """The data folder's catalogue, when it loads cleanly (its own problems are reported when it is checked)."""
    path = location.rules / CATALOGUE
    try:
        _, instruments = check_catalogue(load_yaml(path))
    except InputError:
        return None
    return instruments


def _bundled_rulebook(location: DataLocation, rulebook_of: Callable[[Path], Rulebook]) -> Rulebook | None:
    """The data folder's rulebook, when it loads (its own problems are reported when its files are checked)."""
    try:
        return rulebook_of(location.rules)
    except InputError:
        return None


def _rule_ids_elsewhere(location: DataLocation, checked: set[Path]) -> dict[str, str]:
    """Rule ids of the data folder's rule files that are not being checked -> where they are."""
    ids: dict[str, str] = {}
    if not location.rules.is_dir():
        return ids
    for path in sorted(location.rules.glob("*.yaml")):
        if path.name in NOT_RULE_FILES or real_path(path) in checked:
            continue
        try:
            doc = load_yaml(path)
        except InputError:
            continue
        for rule_id in rule_ids(doc.data):
            ids.setdefault(rule_id, doc.path)
    return ids


def compare_with_base(report: CheckReport, location: DataLocation, revision: str, day: dt.date) -> CheckReport:
    """Add the findings each profile edit since ``revision`` changes (audited on ``day``, current rules)."""
    # Imported here: the audit path (engine, result models) is paid only by `--base`, not by every check.
    from trafficking_audit.check.regression import changed_findings

    root = gitbase.repository_root(location.jurisdictions if location.jurisdictions.is_dir() else location.rules)
    gitbase.verify_revision(root, revision)
    notes: list[str] = []
    changes: list[FindingChange] = []
    instruments: dict[str, Instrument] = {}
    try:
        book = load_rulebook(location.rules)
        rules, instruments = book.rules, book.instruments
    except InputError as exc:
        notes.append(f"the rules do not load ({exc}); findings were not compared")
        rules = []
    for relative in gitbase.changed_profiles(root, revision, location.jurisdictions) if rules else []:
        path = root / relative
        shown = display_path(path)
        try:
            document = load_yaml(path)
            now = validate(Profile, document)
            raw = gitbase.show(root, revision, relative)
            if raw is None:
                notes.append(f"{shown}: not readable at {revision}; not compared")
                continue
            old = validate(Profile, parse_yaml(decode(raw, shown), f"{shown}@{revision}"))
        except InputError as exc:
            notes.append(f"{exc}; not compared")
            continue
        changes.extend(changed_findings(old, now, document, rules, day, instruments))
    return report.model_copy(update={"base": revision, "as_of": day.isoformat(), "changes": changes, "notes": notes})
