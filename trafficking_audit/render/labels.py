"""Words, symbols and colours for outcomes, shared by every renderer.

Outcomes are never conveyed by colour alone: each has a symbol and a word.
The words are gettext messages (marked with ``N_``): a renderer shows them through
:func:`translated` or :func:`outcome_label` in the language it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from trafficking_audit.models.language import ENGLISH, N_, Language
from trafficking_audit.models.result_base import MIN_COVERAGE

K = TypeVar("K")

OUTCOME_LABELS = {
    "met": N_("Met"),
    "partially_met": N_("Partially met"),
    "not_met": N_("Not met"),
    "unknown": N_("Unknown"),
    "not_applicable": N_("Not applicable"),
}
OUTCOME_SYMBOLS = {"met": "✓", "partially_met": "◐", "not_met": "✗", "unknown": "?", "not_applicable": "–"}
OUTCOME_COLOURS = {  # rich styles
    "met": "green",
    "partially_met": "yellow",
    "not_met": "red",
    "unknown": "magenta",
    "not_applicable": "dim",
}
PILLAR_LABELS = {
    "prosecution": N_("Prosecution"),
    "protection": N_("Protection"),
    "prevention": N_("Prevention"),
    "partnership": N_("Partnership"),
    "overall": N_("Overall"),
}
INDICATOR_LABELS = {
    "investigations": N_("Investigations"),
    "prosecutions": N_("Prosecutions"),
    "convictions": N_("Convictions"),
    "victims_identified": N_("Victims identified"),
}
TIER_SHORT = {"Tier 1": "T1", "Tier 2": "T2", "Tier 2 Watch List": "T2 WL", "Tier 3": "T3", "Special Case": "SC"}
SEVERITY_LABELS = {"critical": N_("critical"), "high": N_("high"), "medium": N_("medium"), "low": N_("low")}
OBLIGATION_LABELS = {"mandatory": N_("mandatory"), "should": N_("should"), "good-practice": N_("good-practice")}
DISCLAIMER = N_(
    "Scores are indicative and reproducible from the rulebook and the profile; "
    "they are not an official tier or ranking."
)

SCORE_NOTE_TEXT = N_(
    "Score: over the rules whose outcome is known; range: unknowns counted as not met, and as met; "
    "n/a: evidence coverage below {minimum}, so only the range is given."
)
SCORE_NOTE = SCORE_NOTE_TEXT.format(minimum=f"{MIN_COVERAGE:.0%}")


def score_note(lang: Language = ENGLISH) -> str:
    """The note under every score table, in ``lang``."""
    return lang.gettext(SCORE_NOTE_TEXT).format(minimum=lang.percent(MIN_COVERAGE))


def translated(lang: Language, labels: Mapping[K, str]) -> dict[K, str]:
    """A table of words (outcomes, pillars, severities...) in ``lang``."""
    return {key: lang.gettext(word) for key, word in labels.items()}


def pillar_word(pillar: str, lang: Language = ENGLISH) -> str:
    """A pillar as a word in running text or a table cell, in lower case ('prosecution')."""
    return lang.gettext(PILLAR_LABELS.get(pillar, pillar)).lower()


def outcome_label(status: str, lang: Language = ENGLISH) -> str:
    """Symbol and word, e.g. '✗ Not met'."""
    return f"{OUTCOME_SYMBOLS[status]} {lang.gettext(OUTCOME_LABELS[status])}"


# Diffs: how the right side compares with the left, per rule and per pillar.
CHANGE_LABELS = {
    "same": N_("= same"),
    "better": N_("▲ better"),
    "worse": N_("▼ worse"),
    "not_comparable": N_("≠ not comparable"),
}
CHANGE_COLOURS = {"same": "dim", "better": "green", "worse": "red", "not_comparable": "magenta"}
TREND_LABELS = {
    "improved": N_("▲ improved"),
    "maintained": N_("= maintained"),
    "declined": N_("▼ declined"),
    "not_comparable": N_("≠ not comparable"),
    None: N_("– no score"),
}

TREND_NOTE = N_(
    "Trend: read from the scores over the rules known on both sides only (a rule turning unknown is evidence "
    "lost, never improvement); not comparable when fewer than half of a pillar's applicable rules are known on both."
)


def comparable_text(applicable: int, comparable: int, lang: Language = ENGLISH) -> str:
    """How many of a pillar's applicable rules are known on both sides ('7 of 9')."""
    return lang.gettext("{comparable} of {applicable}").format(comparable=comparable, applicable=applicable)


def signed(difference: float | None) -> str:
    """A score difference with its sign, as whole points like the scores ('+43', '-10', '0', '–')."""
    if difference is None:
        return "–"
    return "0" if difference == 0 else f"{difference:+.0f}"


# How each basis reads in a report (see `Fact.basis`): what a reader needs to weigh the evidence.
BASIS_WORDS = {
    "text": N_("read in the provision's text"),
    "assessment": N_("from an official or international assessment"),
    "secondary": N_("from a secondary source (news, NGO, academic)"),
    "inferred": N_("inferred from other facts"),
    "none": N_("with no basis recorded"),
}
