"""Names of jurisdictions as a person compares them, and the names that would be ambiguous.

A jurisdiction is named by its profile id, its ISO 3166 codes, its name or an alias, and a person
typing ``Côte d'Ivoire`` means the profile whose name is stored as ``Co\\u0302te d'Ivoire``
(decomposed, as some editors and file systems write it), in any case. :func:`name_key` is the one
comparison: Unicode NFC normalisation, case folding and collapsed whitespace. A name that gives
the same key for two profiles cannot pick one, so :func:`clashes` lists them for ``audit check``
(``ambiguous-name``, ``duplicate-id``) and the lookup of ``audit run NAME`` refuses them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


def name_key(text: str) -> str:
    """``text`` as names are compared: NFC, case-folded (then NFC again), whitespace collapsed."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return " ".join(folded.split())


@dataclass(frozen=True)
class Name:
    """One name a profile answers to, and where the profile says it."""

    owner: str  # the profile's file: two files are two profiles, even with the same id
    profile_id: str
    kind: str  # id, iso2, iso3, name, alias
    value: str
    field: tuple[str | int, ...]  # where in the profile, e.g. ("aliases", 0)

    def describe(self) -> str:
        """``united-states (alias 'us')``."""
        return f"{self.profile_id} ({self.kind} '{self.value}')"


def names_of(owner: str, profile_id: str, iso2: str, iso3: str, name: str, aliases: Iterable[str]) -> list[Name]:
    """Every name of one profile."""
    names = [
        Name(owner, profile_id, "id", profile_id, ("id",)),
        Name(owner, profile_id, "iso2", iso2, ("iso2",)),
        Name(owner, profile_id, "iso3", iso3, ("iso3",)),
        Name(owner, profile_id, "name", name, ("name",)),
    ]
    names += [Name(owner, profile_id, "alias", alias, ("aliases", i)) for i, alias in enumerate(aliases)]
    return names


def clashes(names: Iterable[Name]) -> Iterator[tuple[str, list[Name]]]:
    """Each key that names more than one profile, with those names (in the order given)."""
    by_key: dict[str, list[Name]] = {}
    for item in names:
        by_key.setdefault(name_key(item.value), []).append(item)
    for key, found in by_key.items():
        if len({n.owner for n in found}) > 1:
            yield key, found
