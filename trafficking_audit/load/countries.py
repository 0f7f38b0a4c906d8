"""ISO 3166-1 look-ups of a profile's codes, kept in the cache folder: the codes' countries without pycountry.

Every check of a profile (``audit check``, and the checks ``audit run`` makes of the profile it loads)
looks its ``iso2`` and ``iso3`` up in ISO 3166-1. pycountry answers by loading its whole database, which
costs more than validating the profile; the answer depends only on the two codes and on the installed
pycountry. So the answer (for each code: the country's alpha-3 code and name, or none) is kept under a
key of exactly these: the entry format, pycountry's ``.dist-info`` name and the two codes as written. An
edited profile whose codes did not change (every edit but a change of country) gets its answer without
importing pycountry. Entries are checked like every entry of the cache folder (damaged: a miss, looked up
again and replaced); at most :data:`KEEP`; off with the rest (``TRAFFICKING_AUDIT_NO_CACHE=1``).
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from trafficking_audit.load.cache import (
    FORMAT,
    cache_dir,
    entry_file,
    library_version,
    prune_once,
    read_parsed,
    write_entry,
)

KIND = "countries"
KEEP = 1024  # one entry per pair of codes


class Country(NamedTuple):
    """What the checks need of an ISO 3166-1 country."""

    alpha_3: str
    name: str


def look_up(iso2: str | None, iso3: str | None) -> tuple[Country | None, Country | None]:
    """The countries of an alpha-2 and an alpha-3 code (None for a code not looked up, or not in ISO 3166-1)."""
    key = _key(iso2, iso3)
    found = _fetch(key)
    if found is not None:
        return found
    import pycountry  # imported here: it loads its database on first use

    first = None if iso2 is None else pycountry.countries.get(alpha_2=iso2)
    second = None if iso3 is None else pycountry.countries.get(alpha_3=iso3)
    answer = (
        None if first is None else Country(str(first.alpha_3), str(first.name)),
        None if second is None else Country(str(second.alpha_3), str(second.name)),
    )
    _store(key, answer)
    return answer


def _key(iso2: str | None, iso3: str | None) -> str | None:
    if cache_dir() is None:
        return None
    version = library_version("pycountry", "pycountry")
    body = json.dumps([FORMAT, "countries", version, iso2, iso3], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _fetch(key: str | None) -> tuple[Country | None, Country | None] | None:
    if key is None:
        return None
    # Not two countries after all: a miss, looked up again, and replaced.
    return read_parsed(entry_file(KIND, key), _countries, (ValueError, TypeError, RecursionError))


def _countries(body: bytes) -> tuple[Country | None, Country | None]:
    first, second = (None if item is None else Country(*map(str, item)) for item in json.loads(body))
    return first, second


def _store(key: str | None, answer: tuple[Country | None, Country | None]) -> None:
    if key is None:
        return
    try:
        payload = json.dumps([None if item is None else list(item) for item in answer], ensure_ascii=False)
        encoded = payload.encode("utf-8")
    except (TypeError, ValueError):
        return
    write_entry(entry_file(KIND, key), encoded)
    prune_once(KIND, KEEP)
