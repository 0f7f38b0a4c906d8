"""Checks of a valid profile that the schema alone cannot make.

A profile that loads can still be wrong: a fact cites a source the profile does
not define, a source is never cited, a value has no source at all, a URL is
malformed, a date lies in the future, two dated values of one fact overlap, the
ISO codes do not exist or do not match, or the profile says a state is party to a
protocol but not to the treaty the protocol supplements. Each check here is pure
(a loaded profile and today's date in, problems out) and reports every problem,
not just the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from trafficking_audit.check.problems import at
from trafficking_audit.engine.conditions import conditions, leaves
from trafficking_audit.load.countries import look_up
from trafficking_audit.load.loader import LoadedProfile
from trafficking_audit.load.yamlsource import Document, PathKey
from trafficking_audit.models.check import Problem
from trafficking_audit.models.facts import Fact, history, select
from trafficking_audit.models.paths import iter_facts
from trafficking_audit.models.rule import Rule

# A protocol, the treaty it supplements, and the provision that makes the link.
PARENT_TREATIES: dict[str, tuple[str, str]] = {
    "palermo-protocol": ("untoc", "only parties to UNTOC can become parties to its protocols (UNTOC Art. 37(2))"),
    "ilo-p029": ("ilo-c029", "only members bound by Convention No. 29 can ratify its Protocol (P029 Art. 8(1))"),
}


def check_profile(
    loaded: LoadedProfile,
    today: dt.date,
    instruments: Collection[str] | None = None,
    critical: Critical | None = None,
) -> list[Problem]:
    """Every semantic problem of one loaded profile (``instruments``: known treaty ids, None to skip;
    ``critical``: the fact paths critical rules read, with those rules' ids, see :func:`critical_facts`)."""
    problems = [
        *check_sources(loaded, today),
        *check_facts(loaded),
        *check_undated(loaded),
        *check_basis(loaded, critical or {}),
        *check_identity(loaded, today),
        *check_treaties(loaded, instruments),
    ]
    return problems


def fact_loc(doc: Document, path: str, index: int) -> PathKey:
    """YAML location of entry ``index`` of the fact at ``path`` (the field itself when it is not a list)."""
    loc: PathKey = tuple(path.split("."))
    return loc + (index,) if isinstance(_at(doc.data, loc), list) else loc


def check_sources(loaded: LoadedProfile, today: dt.date) -> Iterator[Problem]:
    """Duplicate, undefined and unused source ids; malformed URLs; accessed dates in the future."""
    doc, profile = loaded.document, loaded.profile
    defined: dict[str, int] = {}
    for index, source in enumerate(profile.sources):
        loc = ("sources", index)
        if source.id in defined:
            yield at(
                doc.position(loc + ("id",)),
                f"duplicate source id '{source.id}' (first defined at "
                f"line {doc.position(('sources', defined[source.id])).line})",
                "duplicate-source",
            )
        defined.setdefault(source.id, index)
        if source.url is not None and (reason := url_problem(source.url)):
            yield at(doc.position(loc + ("url",)), f"source '{source.id}': {reason}", "bad-url")
        if source.accessed is not None and source.accessed > today:
            yield at(
                doc.position(loc + ("accessed",)),
                f"source '{source.id}': accessed {source.accessed} is in the future",
                "accessed-in-future",
            )
    used = cited_sources(doc.data)
    if not used <= defined.keys():  # an id not defined: walk again for where each is cited
        for where, source_id in source_references(doc.data):
            if source_id not in defined:
                close = nearest_ids(source_id, list(defined))
                hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
                message = f"source '{source_id}' is not defined in `sources`{hint}"
                yield at(doc.position(where), message, "unknown-source")
    for source_id, index in defined.items():
        if source_id not in used:
            yield at(
                doc.position(("sources", index, "id")),
                f"source '{source_id}' is not cited by any fact",
                "unused-source",
            )


def nearest_ids(wanted: str, defined: list[str]) -> list[str]:
    """The ids a mistyped source id most likely meant: one with the same prefix and a year of the same digits
    (a transposition: ``tip-2042`` -> ``tip-2024``) or else the nearest year; failing that, the two nearest by
    spelling."""
    match = re.fullmatch(r"(.*?)(\d{4})", wanted)
    if match:
        prefix, digits = match.group(1), match.group(2)
        years = {d: d[len(prefix) :] for d in defined if re.fullmatch(re.escape(prefix) + r"\d{4}", d)}
        if years:
            ranked = sorted(years, key=lambda d: (sorted(years[d]) != sorted(digits), abs(int(years[d]) - int(digits))))
            return ranked[:1]
    return difflib.get_close_matches(wanted, defined, n=2)


def source_references(data: Any, loc: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every source id cited anywhere in a profile (facts, reservations, statistics, tiers), with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and loc == ():
                continue  # the definitions, not citations
            if key == "sources" and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield loc + (key, index), item
            else:
                yield from source_references(value, loc + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from source_references(item, loc + (index,))


def cited_sources(data: Any) -> set[str]:
    """The ids :func:`source_references` yields, without their locations: one walk without recursion or paths
    (it runs for every profile every run loads, and a profile has thousands of values)."""
    found: set[str] = set()
    stack: list[tuple[Any, bool]] = [(data, True)]
    while stack:
        value, top = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "sources":
                    if top:
                        continue  # the definitions, not citations
                    if isinstance(item, list):
                        found.update(cited for cited in item if isinstance(cited, str))
                        continue
                stack.append((item, False))
        elif isinstance(value, list):
            stack.extend((item, False) for item in value)
    return found


# An absolute http(s) URL whose host is lower-case ASCII labels with a dot, with no user, port or brackets: urlsplit
# gives it that scheme and host and cannot fail, so :func:`url_problem` passes it without splitting (most URLs).
_PLAIN_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#].*)?", re.DOTALL)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL, or None when it is one."""
    if "".join(url.split()) != url:  # split() drops exactly the characters isspace() calls whitespace
        return f"URL {url!r} contains whitespace"
    if _PLAIN_URL.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        return f"URL {url!r} is malformed ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"URL {url!r} must start with http:// or https://"
    if not parts.hostname or "." not in parts.hostname:
        return f"URL {url!r} has no valid host name"
    return None


def check_facts(loaded: LoadedProfile) -> Iterator[Problem]:
    """Known values without a source, and histories whose validity periods overlap."""
    doc = loaded.document
    for path, facts in iter_facts(loaded.profile):
        for index, fact in enumerate(facts):
            if not fact.is_unknown and not fact.sources:
                yield at(
                    doc.position(fact_loc(doc, path, index)),
                    f"{path}: value {_show(fact.value)} has no source (add `sources: [...]`)",
                    "unsourced-fact",
                )
        for first in range(len(facts)):
            for second in range(first + 1, len(facts)):
                if _overlap(facts[first], facts[second]):
                    loc = fact_loc(doc, path, second)
                    yield at(
                        doc.position(loc + ("valid_from",)),
                        f"{path}: the validity of entry {second + 1} ({_span(facts[second])}) overlaps "
                        f"entry {first + 1} ({_span(facts[first])})",
                        "period-overlap",
                    )


def check_undated(loaded: LoadedProfile) -> Iterator[Problem]:
    """Facts without ``valid_from`` whose earliest source was published after the profile's ``history_from``.

    An undated fact holds on every date, back to ``history_from``; when its evidence is all later than
    that (a source's year after history_from's), nothing shows it already held then.
    """
    doc, profile = loaded.document, loaded.profile
    start = profile.history_from
    if start is None:
        return
    years = {s.id: s.year for s in profile.sources if s.year is not None}
    for path, facts in iter_facts(profile):
        for index, fact in enumerate(facts):
            published = [years[s] for s in fact.sources if s in years]
            if fact.valid_from is not None or fact.is_unknown or not published or min(published) <= start.year:
                continue
            yield at(
                doc.position(fact_loc(doc, path, index)),
                f"{path}: no valid_from, but its earliest source is from {min(published)}, after history_from "
                f"{start}: it may not have held on the earlier dates it covers (add valid_from, or an older source)",
                "undated-fact",
            )


# The fact paths that decide a critical rule, each with the ids of those rules.
Critical = Mapping[str, Sequence[str]]

# Bases too weak to carry a critical finding alone: a reader cannot check them against the law.
WEAK_BASES = ("secondary", "inferred")


def critical_facts(rules: Iterable[Rule]) -> dict[str, list[str]]:
    """The fact paths that decide a critical rule (its applicability, met or partially met), with the rule ids."""
    found: dict[str, list[str]] = {}
    for rule in rules:
        if rule.severity != "critical":
            continue
        for condition in conditions(rule):
            for leaf in leaves(condition):
                if leaf.fact is not None and rule.id not in found.setdefault(leaf.fact, []):
                    found[leaf.fact].append(rule.id)
    return found


def check_basis(loaded: LoadedProfile, critical: Critical) -> Iterator[Problem]:
    """Known facts that decide a critical rule but rest only on a secondary source or an inference.

    A critical finding is what a ministry acts on first; it should rest on the law's text or an official
    assessment, so such a fact is named for a better source (issue: how each fact was established).
    """
    doc = loaded.document
    for path, facts in iter_facts(loaded.profile):
        rules = critical.get(path)
        if not rules:
            continue
        for index, fact in enumerate(facts):
            if fact.is_unknown or fact.basis not in WEAK_BASES:
                continue
            yield at(
                doc.position(fact_loc(doc, path, index)),
                f"{path}: decides the critical rule(s) {', '.join(rules)} but its basis is {fact.basis}: cite the "
                "provision's text or an official assessment where one exists",
                "weak-basis",
            )


def _overlap(a: Fact[Any], b: Fact[Any]) -> bool:
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return start <= end


def _span(fact: Fact[Any]) -> str:
    start = fact.valid_from.isoformat() if fact.valid_from else "open start"
    end = fact.valid_to.isoformat() if fact.valid_to else "open end"
    return f"{start} to {end}"


def _show(value: Any) -> str:
    return repr(list(value)) if isinstance(value, (list, tuple)) else repr(value)


def check_identity(loaded: LoadedProfile, today: dt.date) -> Iterator[Problem]:
    """The id against the file name, the ISO codes against ISO 3166-1, last_reviewed against today."""
    doc, profile = loaded.document, loaded.profile
    stem = PurePath(doc.path).stem
    if profile.id != stem:
        yield at(
            doc.position(("id",)),
            f"profile id '{profile.id}' does not match the file name '{stem}.yaml'",
            "id-mismatch",
        )
    private = user_assigned(profile.iso2, profile.iso3)
    by_alpha2, by_alpha3 = look_up(None if private[0] else profile.iso2, None if private[1] else profile.iso3)
    if by_alpha2 is None and not private[0]:
        yield at(doc.position(("iso2",)), f"'{profile.iso2}' is not an ISO 3166-1 alpha-2 code", "unknown-country")
    if by_alpha3 is None and not private[1]:
        yield at(doc.position(("iso3",)), f"'{profile.iso3}' is not an ISO 3166-1 alpha-3 code", "unknown-country")
    if private[0] != private[1]:
        kind = ("alpha-2", "alpha-3") if private[0] else ("alpha-3", "alpha-2")
        yield at(
            doc.position(("iso3",)),
            f"iso2 '{profile.iso2}' and iso3 '{profile.iso3}': the {kind[0]} code is user-assigned (private use) "
            f"but the {kind[1]} code is not",
            "iso-mismatch",
        )
    if by_alpha2 is not None and by_alpha3 is not None and by_alpha2.alpha_3 != by_alpha3.alpha_3:
        yield at(
            doc.position(("iso3",)),
            f"iso3 '{profile.iso3}' is {by_alpha3.name}, but iso2 '{profile.iso2}' is {by_alpha2.name} "
            f"(whose alpha-3 code is {by_alpha2.alpha_3})",
            "iso-mismatch",
        )
    if profile.last_reviewed > today:
        yield at(
            doc.position(("last_reviewed",)),
            f"last_reviewed {profile.last_reviewed} is in the future",
            "reviewed-in-future",
        )


def user_assigned(iso2: str, iso3: str) -> tuple[bool, bool]:
    """Whether each code is in a range ISO 3166-1 leaves to users (private use, never a country).

    Alpha-2: AA, QM-QZ, XA-XZ, ZZ; alpha-3: AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ. Test data, training
    material and scaffolds (``audit new``'s XX/XXX) use them, so they pass without a country match.
    """
    two, three = iso2.upper(), iso3.upper()
    private2 = len(two) == 2 and (two in ("AA", "ZZ") or two[0] == "X" or (two[0] == "Q" and two[1] >= "M"))
    private3 = len(three) == 3 and (
        three[:2] in ("AA", "ZZ") or three[0] == "X" or (three[0] == "Q" and three[1] >= "M")
    )
    return private2, private3


def check_treaties(loaded: LoadedProfile, instruments: Collection[str] | None) -> Iterator[Problem]:
    """Treaty keys that are not instruments, and party to a protocol while not party to its parent treaty."""
    doc, treaties = loaded.document, loaded.profile.treaties
    if instruments is not None:
        for key in treaties:
            if key not in instruments:
                close = difflib.get_close_matches(key, list(instruments), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield at(
                    doc.position(("treaties", key)),
                    f"'{key}' is not an instrument of the catalogue{hint}",
                    "unknown-treaty",
                )
    for protocol, (parent, why) in PARENT_TREATIES.items():
        if protocol not in treaties or parent not in treaties:
            continue  # an absent status is unknown, never "not a party"
        child_field, parent_field = treaties[protocol].status, treaties[parent].status
        for day in _change_days(child_field, parent_field):
            child, mother = select(child_field, day), select(parent_field, day)
            if child is None or mother is None or child.is_unknown or mother.is_unknown:
                continue
            if child.value == "party" and mother.value != "party":
                index = history(child_field).index(child)
                dated = any(f.valid_from or f.valid_to for f in (child, mother))
                when = f" on {day}" if dated else ""
                yield at(
                    doc.position(fact_loc(doc, f"treaties.{protocol}.status", index)),
                    f"party to {protocol}{when} while {parent} is '{mother.value}': {why}",
                    "treaty-logic",
                )
                break


def _change_days(*fields: Any) -> list[dt.date]:
    """The days on which any of these facts' values can change, plus the earliest day (undated values)."""
    days = {dt.date.min}
    for field in fields:
        for fact in history(field):
            if fact.valid_from:
                days.add(fact.valid_from)
            if fact.valid_to:
                days.add(fact.valid_to)
                if fact.valid_to < dt.date.max:
                    days.add(fact.valid_to + dt.timedelta(days=1))
    return sorted(days)


def _at(data: Any, loc: PathKey) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
