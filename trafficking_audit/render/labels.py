"""Words, symbols and colours for outcomes, shared by every renderer.

Outcomes are never conveyed by colour alone: each has a symbol and a word.
"""

from __future__ import annotations

from trafficking_audit.models.result import MIN_COVERAGE

OUTCOME_LABELS = {
    "met": "Met",
    "partially_met": "Partially met",
    "not_met": "Not met",
    "unknown": "Unknown",
    "not_applicable": "Not applicable",
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
    "prosecution": "Prosecution",
    "protection": "Protection",
    "prevention": "Prevention",
    "partnership": "Partnership",
    "overall": "Overall",
}
INDICATOR_LABELS = {
    "investigations": "Investigations",
    "prosecutions": "Prosecutions",
    "convictions": "Convictions",
    "victims_identified": "Victims identified",
}
TIER_SHORT = {"Tier 1": "T1", "Tier 2": "T2", "Tier 2 Watch List": "T2 WL", "Tier 3": "T3", "Special Case": "SC"}
DISCLAIMER = (
    "Scores are indicative and reproducible from the rulebook and the profile; "
    "they are not an official tier or ranking."
)

SCORE_NOTE = (
    "Score: over the rules whose outcome is known; range: unknowns counted as not met, and as met; "
    f"n/a: evidence coverage below {MIN_COVERAGE:.0%}, so only the range is given."
)


def outcome_label(status: str) -> str:
    """Symbol and word, e.g. '✗ Not met'."""
    return f"{OUTCOME_SYMBOLS[status]} {OUTCOME_LABELS[status]}"


# Diffs: how the right side compares with the left, per rule and per pillar.
CHANGE_LABELS = {"same": "= same", "better": "▲ better", "worse": "▼ worse", "not_comparable": "≠ not comparable"}
CHANGE_COLOURS = {"same": "dim", "better": "green", "worse": "red", "not_comparable": "magenta"}
TREND_LABELS = {
    "improved": "▲ improved",
    "maintained": "= maintained",
    "declined": "▼ declined",
    "not_comparable": "≠ not comparable",
    None: "– no score",
}

TREND_NOTE = (
    "Trend: read from the scores over the rules known on both sides only (a rule turning unknown is evidence "
    "lost, never improvement); not comparable when fewer than half of a pillar's applicable rules are known on both."
)


def comparable_text(applicable: int, comparable: int) -> str:
    """How many of a pillar's applicable rules are known on both sides ('7 of 9')."""
    return f"{comparable} of {applicable}"


def signed(difference: float | None) -> str:
    """A score difference with its sign, as whole points like the scores ('+43', '-10', '0', '–')."""
    if difference is None:
        return "–"
    return "0" if difference == 0 else f"{difference:+.0f}"


# How each basis reads in a report (see `Fact.basis`): what a reader needs to weigh the evidence.
BASIS_WORDS = {
    "text": "read in the provision's text",
    "assessment": "from an official or international assessment",
    "secondary": "from a secondary source (news, NGO, academic)",
    "inferred": "inferred from other facts",
    "none": "with no basis recorded",
}
