"""The fixed words of the domain: pillars, severities, obligations, outcomes.

They live apart from the pydantic models so that code that only needs the words (the
``--fail-on`` check of a report read from the cache, for one) does not pay for
importing pydantic and building the models.
"""

from __future__ import annotations

from typing import Literal

Pillar = Literal["prosecution", "protection", "prevention", "partnership"]
Severity = Literal["critical", "high", "medium", "low"]
Obligation = Literal["mandatory", "should", "good-practice"]
Strength = Literal["mandatory", "qualified", "soft", "definition", "guidance", "criterion"]
# How an instrument names the parts a citation points to (TVPA sections, FATF recommendations, a handbook cited whole).
PartNaming = Literal["article", "section", "recommendation", "chapter", "document"]
Outcome = Literal["met", "partially_met", "not_met", "unknown", "not_applicable"]

PILLARS: tuple[Pillar, ...] = ("prosecution", "protection", "prevention", "partnership")
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")
OBLIGATIONS: tuple[Obligation, ...] = ("mandatory", "should", "good-practice")
OUTCOMES: tuple[Outcome, ...] = ("met", "partially_met", "not_met", "unknown", "not_applicable")
# Outcomes that can get better or worse; unknown and not_applicable are not on this scale.
OUTCOME_RANK: dict[str, int] = {"not_met": 0, "partially_met": 1, "met": 2}
# The obligation a provision carries where it binds, by its strength in its instrument. A definition binds
# through the offence or duty it defines (Palermo Art. 3 through Art. 5); a qualified duty ("shall, subject
# to its domestic law") is still a duty; the US TVPA criteria say "should"; guidance is good practice.
STRENGTH_OBLIGATION: dict[Strength, Obligation] = {
    "mandatory": "mandatory",
    "qualified": "mandatory",
    "definition": "mandatory",
    "soft": "should",
    "criterion": "should",
    "guidance": "good-practice",
}
# Outcomes a report counts as a gap (what `audit run --fail-on` fails on).
GAPS: tuple[Outcome, ...] = ("not_met", "partially_met")
