"""How values from profiles and rules are written in prose: one spelling for rule pages and for reasons.

Rule pages (rendered) and the reasons of findings (computed by the engine) both write values
and vocabulary words into sentences; both layers may read models, so the spelling lives here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from trafficking_audit.models.language import ENGLISH, N_, Language

# The joining words of a list, marked for the catalogues and translated where a list is written.
JOINERS = {"and": N_("and"), "or": N_("or")}


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


def enumerate_words(words: Sequence[str], last: str = "and", lang: Language = ENGLISH) -> str:
    """ "a", "a and b", "a, b and c" (or with ``last="or"``), the joining word in ``lang``."""
    shown = [word(w) for w in words]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {lang.gettext(JOINERS[last])} {shown[-1]}"
