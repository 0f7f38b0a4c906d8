"""Who a new profile is about: its id, name and ISO 3166 codes, looked up with pycountry.

``audit new`` starts from a name the user types and, optionally, an alpha-2 code.
Profiles need real-looking ISO codes, so this module finds them: from ``--iso2``
when given (an unknown code is bad input), else from the name, first by an exact
lookup and then by a cautious fuzzy search that accepts a single country whose
name contains the query as a word prefix (so "texas" never becomes the United
States through its subdivisions, and "korea" stays ambiguous). When nothing fits,
the codes are the placeholders ``XX``/``XXX`` and the note says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pycountry

from trafficking_audit.errors import InputError

PLACEHOLDER_ISO2 = "XX"
PLACEHOLDER_ISO3 = "XXX"
# Shorter queries ("uk", "us") match too many names by prefix to be trusted fuzzily.
MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class Identity:
    """The identifying fields of a new profile, and how its ISO codes were found."""

    id: str
    name: str
    iso2: str
    iso3: str
    aliases: tuple[str, ...] = ()
    codes_found: bool = True
    note: str = ""


def slug(name: str) -> str:
    """A profile id from a name: ASCII lower case, words joined by hyphens ("Côte d'Ivoire" -> cote-d-ivoire)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not result:
        raise InputError(f"cannot make a profile id from {name!r}: use letters or digits", code="usage")
    return result


def identify(name: str, iso2: str | None = None) -> Identity:
    """Identity of a new profile called ``name``; ISO codes from ``iso2`` or from the name."""
    profile_id = slug(name)
    if iso2 is not None:
        country = pycountry.countries.get(alpha_2=iso2.strip().upper()) if len(iso2.strip()) == 2 else None
        if country is None:
            raise InputError(f"--iso2 {iso2}: not an ISO 3166-1 alpha-2 country code", code="usage")
        return _from_country(profile_id, name, country, f"ISO codes and name from --iso2 {country.alpha_2}")
    matches = _lookup(name)
    if len(matches) == 1:
        country = matches[0]
        return _from_country(profile_id, name, country, f"ISO codes looked up from the name {name!r}: check them")
    if matches:
        options = ", ".join(f"--iso2 {c.alpha_2} ({c.name})" for c in matches)
        note = f"{name!r} matches several countries ({options}): set iso2 and iso3"
    else:
        note = f"no country matches {name!r}: set iso2 and iso3 to the ISO 3166-1 codes"
    return Identity(
        id=profile_id,
        name=_display_name(name),
        iso2=PLACEHOLDER_ISO2,
        iso3=PLACEHOLDER_ISO3,
        codes_found=False,
        note=note,
    )


def _lookup(name: str) -> list[Any]:
    """Countries the name may denote: one on an exact match, else fuzzy candidates that fit."""
    query = re.sub(r"[-_]+", " ", name).strip()
    try:
        return [pycountry.countries.lookup(query)]
    except LookupError:
        pass
    if len(query) < MIN_FUZZY_LENGTH:
        return []
    try:
        candidates = pycountry.countries.search_fuzzy(query)
    except LookupError:
        return []
    wanted = _fold(query)
    return [c for c in candidates if any(_has_word_prefix(_fold(n), wanted) for n in _names(c))]


def _from_country(profile_id: str, typed: str, country: Any, note: str) -> Identity:
    name = getattr(country, "common_name", None) or country.name
    aliases: list[str] = []
    for alias in (getattr(country, "official_name", None), country.name, typed):
        if alias and _fold(alias) not in {_fold(name), profile_id, *(_fold(a) for a in aliases)}:
            aliases.append(alias)
    return Identity(
        id=profile_id, name=name, iso2=country.alpha_2, iso3=country.alpha_3, aliases=tuple(aliases), note=note
    )


def _names(country: Any) -> list[str]:
    names = (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
    return [n for n in names if n]


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _has_word_prefix(name: str, query: str) -> bool:
    return f" {query}" in f" {name}"


def _display_name(name: str) -> str:
    """The name as typed, or title-cased when typed as an id (``ruritania`` -> ``Ruritania``)."""
    if name == name.lower():
        return re.sub(r"[-_]+", " ", name).strip().title()
    return name.strip()
