"""The one way a date is written in this project: ``YYYY-MM-DD``, on every Python version.

``date.fromisoformat`` is not that: from Python 3.11 it also reads ``2024-W01-1`` (an ISO week
date) and ``20240101`` (the basic format), so the same command line meant different things on
different Pythons, and ``--as-of`` accepted what ``SIDE@DATE`` refused. Every date from a user
(command-line options, ``SIDE@DATE``, dates in YAML files) goes through :func:`parse_day`.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_FORMAT = "YYYY-MM-DD"
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


class NotADate(ValueError):
    """The text is not written as ``YYYY-MM-DD`` at all (as opposed to a day the calendar lacks)."""


def parse_day(text: str) -> dt.date:
    """The date ``text`` writes as ``YYYY-MM-DD``.

    Raises :class:`NotADate` for another shape, and ValueError with the calendar's reason
    (``day is out of range for month``) for a date that does not exist, such as 2025-02-30.
    """
    match = _DAY.fullmatch(text)
    if match is None:
        raise NotADate(f"expected a date as {DATE_FORMAT}")
    return dt.date(int(match[1]), int(match[2]), int(match[3]))
