"""The sides of a comparison as users write them: ``SIDE[@YYYY-MM-DD]``.

A side is a jurisdiction argument (profile id, ISO code, alias or path to a YAML
file) optionally followed by ``@`` and the date its law is assessed as of, so one
command line can compare a jurisdiction with itself over time
(``kazakhstan@2022-12-31 kazakhstan@2025-06-30``). The date is split off at the
last ``@`` only when what follows is not part of a path, so a folder named
``team@work/`` still reads as a path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trafficking_audit.errors import InputError
from trafficking_audit.load.data import looks_like_path
from trafficking_audit.models.dates import NotADate, parse_day


@dataclass(frozen=True)
class SideArgument:
    """A parsed side: what names the jurisdiction, and the as-of date."""

    jurisdiction: str
    as_of: dt.date


def parse_side(text: str, default: dt.date) -> SideArgument:
    """Split ``SIDE[@YYYY-MM-DD]``; a side without a date is assessed as of ``default``."""
    name, at, tail = text.rpartition("@")
    day = default
    if not at or looks_like_path(tail):
        name = text
    else:
        try:
            day = parse_day(tail)
        except NotADate:
            raise InputError(f"{text!r}: expected SIDE@YYYY-MM-DD, but {tail!r} is not a date", code="usage") from None
        except ValueError as exc:
            raise InputError(f"{text!r}: {tail!r} is not a valid date ({exc}; YYYY-MM-DD)", code="usage") from None
    if not name.strip():
        raise InputError(f"{text!r}: no jurisdiction given (e.g. kz or kz@2022-12-31)", code="usage")
    return SideArgument(name, day)
