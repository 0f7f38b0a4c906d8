"""How values from profiles and rules are written in prose: one spelling for rule pages and for reasons.

Rule pages (rendered) and the reasons of findings (computed by the engine) both write values
and vocabulary words into sentences; both layers may read models, so the spelling lives here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any


def value_text(value: Any) -> str:
    """A value from a rule or an example, as a reader would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value) if value else "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def word(value: Any) -> str:
    """A vocabulary word in prose: ``abuse_of_power`` -> "abuse of power"; other values as :func:`value_text`."""
    return value.replace("_", " ") if isinstance(value, str) else value_text(value)


def enumerate_words(words: Sequence[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (or with ``last="or"``)."""
    shown = [word(w) for w in words]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {last} {shown[-1]}"
