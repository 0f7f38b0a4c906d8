"""The research plan: every unknown fact that decides a rule, what it would decide, and where to look.

An audit's unknowns are work for a contributor, not just a lower coverage figure. A fact is
listed when it is unknown or absent on the audit date and some value of it would turn at
least one applicable rule's outcome from ``unknown`` to a known one; the engine computes that
from the rule's conditions (``engine/research_plan.py``). The same entries serve the
"Evidence needed" section of every report (``Audit.evidence_needed``) and ``audit gaps``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.vocabulary import Obligation, Outcome, Pillar, Severity

# How a needed fact stands in the profile on the audit date.
FactState = Literal["unknown", "absent", "out_of_period"]
FACT_STATES: tuple[FactState, ...] = ("unknown", "absent", "out_of_period")


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleDecided(_Result):
    """One rule whose outcome a needed fact would decide."""

    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    pillar: Pillar = Field(description="Pillar of the rule.")
    severity: Severity = Field(description="Severity of the rule.")
    obligation: Obligation = Field(description="Obligation as it binds the jurisdiction on the audit date.")
    outcomes: list[Outcome] = Field(
        description="The outcomes the rule can take once this fact is known (the other unknown facts still "
        "unknown); `unknown` among them when some values would leave it undecided."
    )
    met_value: Any = Field(
        default=None,
        description="A value of the fact under which the rule is met, or can still be met once `also_needed` is "
        "known; null when no value of this fact makes the rule met.",
    )
    met_when: str | None = Field(
        default=None,
        description='The values of the fact that meet the rule, in words ("is party", "is at least 4", "includes '
        'at least force, coercion"); null when none does.',
    )
    also_needed: list[str] = Field(
        default_factory=empty_list,
        description="Other unknown facts that must also be known for the rule to be met with `met_value`.",
    )


class NeededFact(_Result):
    """A fact to research: unknown or absent on the audit date, and deciding at least one applicable rule."""

    fact: str = Field(description="Dotted path of the profile field.")
    state: FactState = Field(
        description="`unknown` (recorded as unknown), `absent` (not recorded) or `out_of_period` (recorded, but "
        "no value covers the audit date)."
    )
    description: str = Field(description="What the field records (its schema description).")
    where_to_look: str = Field(description="Where to look for the answer (the section's hint in `audit new`).")
    rules: list[RuleDecided] = Field(
        description="The rules it would decide: by severity, then obligation, then rulebook order."
    )


class ResearchPlan(_Result):
    """``audit gaps``: the evidence a profile needs, for contributors."""

    jurisdiction: str = Field(description="Profile id.")
    name: str = Field(description="Name.")
    as_of: dt.date = Field(description="The audit date.")
    rulebook_version: str = Field(description="Version of the rulebook.")
    unknown_rules: int = Field(description="Applicable rules (or rules not known to be inapplicable) left unknown.")
    evidence_needed: list[NeededFact] = Field(
        description="Facts deciding critical and mandatory rules first (most severe, then most binding rule "
        "decided), then by the number of rules decided, then by path."
    )
