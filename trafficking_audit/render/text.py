"""How every renderer writes the domain's values as text: fact values, shares, scores and ranges.

One home for these, used by the terminal renderer directly and by the Jinja templates as filters,
so a score reads the same in every format (and the terminal path does not import Jinja).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.render.labels import BASIS_WORDS

if TYPE_CHECKING:  # annotations only: `audit check` uses these helpers without building the result models
    from trafficking_audit.models.overview import ScoreOnDate
    from trafficking_audit.models.result import PillarScore


def fmt_value(value: Any, lang: Language = ENGLISH) -> str:
    """A fact value for display."""
    if isinstance(value, bool):
        return lang.gettext("yes") if value else lang.gettext("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else lang.gettext("(none)")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def pct(value: float | None, lang: Language = ENGLISH) -> str:
    """A 0-1 share as a whole percentage."""
    return "–" if value is None else lang.percent(value)


def score_text(value: float | None) -> str:
    """A 0-100 score, or a dash when there is none."""
    return "–" if value is None else f"{value:.0f}"


def point_text(s: PillarScore) -> str:
    """A pillar's point score as a table shows it: the number, or "n/a" below the minimum coverage."""
    if s.score is None:
        return "–"
    return f"{s.score:.0f}" if s.sufficient else "n/a"


def range_text(s: PillarScore) -> str:
    """A pillar's score range, low to high ('45–88')."""
    return span_text(s.low, s.high)


def span_text(low: float | None, high: float | None) -> str:
    """A score range from its bounds ('45–88'), or a dash when either is unknown."""
    return "–" if low is None or high is None else f"{low:.0f}–{high:.0f}"


def history_text(history: Sequence[ScoreOnDate], lang: Language = ENGLISH) -> str:
    """The overview's trend in words: the first and last point scores of the history, with their dates,
    or "range only" when the evidence sufficed for a point score on no date."""
    known = [h for h in history if h.overall.sufficient and h.overall.score is not None]
    if not known:
        return lang.gettext("range only") if history else "–"
    first, last = known[0], known[-1]
    return f"{first.overall.score:.0f} ({first.date.year}) → {last.overall.score:.0f} ({lang.date(last.date)})"


def basis_line(counts: dict[str, int], lang: Language = ENGLISH) -> str:
    """One sentence counting the facts of a report's evidence by basis, e.g. "... 40 read in the provision's
    text, 12 from an official or international assessment"."""
    total = sum(counts.values())
    parts = ", ".join(f"{n} {lang.gettext(BASIS_WORDS.get(basis, basis))}" for basis, n in counts.items())
    return lang.ngettext(
        "The findings rest on {total} distinct fact: {parts}.",
        "The findings rest on {total} distinct facts: {parts}.",
        total,
    ).format(total=total, parts=parts)
