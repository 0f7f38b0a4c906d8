"""Diff models: what ``audit diff`` produces and what its renderers read.

A diff sets two audits side by side: two jurisdictions on one date, or one
jurisdiction on two dates. Like the audit models these are the documented output
contract (the JSON diff is their serialisation). Everything is phrased from the left
to the right: a rule is "better" or "worse" on the right, a difference is right
minus left, and a trend says how the right date compares with the left one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from trafficking_audit.models.defaults import empty_dict, empty_list
from trafficking_audit.models.result import (
    SCHEMA_VERSION,
    JurisdictionRef,
    QualityNote,
)
from trafficking_audit.models.result_base import ChangedFact, Evidence, Result, SourceRef
from trafficking_audit.models.vocabulary import Outcome, Pillar, Severity

Change = Literal["same", "better", "worse", "not_comparable"]
Trend = Literal["improved", "maintained", "declined", "not_comparable"]

CHANGES: tuple[Change, ...] = ("same", "better", "worse", "not_comparable")
TRENDS: tuple[Trend, ...] = ("improved", "maintained", "declined", "not_comparable")


class DiffSide(JurisdictionRef):
    """One side of a diff: the jurisdiction, the date its law was assessed as of, its verdict."""

    as_of: dt.date = Field(description="The date this side's law was assessed as of.")
    label: str = Field(description="Short name of the side in reports, e.g. `Kazakhstan (2025-06-30)`.")
    headline: str = Field(description="This side's one-sentence audit verdict.")
    sources: list[SourceRef] = Field(description="Sources cited by this side's evidence, in the profile's order.")
    evidence_basis: dict[str, int] = Field(
        default_factory=empty_dict,
        description="This side's evidence counted by basis, as in its audit (`Audit.evidence_basis`).",
    )
    data_quality: list[QualityNote] | None = Field(
        default=None,
        description="The consistency warnings of this side's profile, by code, as in its audit (null when the "
        "profile was not checked).",
    )


class SideFinding(Result):
    """What one side's outcome for a rule rests on."""

    evidence: list[Evidence] = Field(default_factory=empty_list, description="Facts the outcome rests on.")
    missing: list[str] = Field(default_factory=empty_list, description="Facts that were absent or unknown on the date.")
    reason: str | None = Field(default=None, description="Why the rule is not applicable, or why it is unknown.")


class RuleRef(Result):
    """The rule an entry of a diff is about."""

    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    pillar: Pillar = Field(description="Pillar of the rule.")
    severity: Severity = Field(description="Severity of the rule.")


class RuleDiff(RuleRef):
    """One rule's outcome on each side."""

    left: Outcome = Field(description="The outcome on the left.")
    right: Outcome = Field(description="The outcome on the right.")
    change: Change = Field(
        description="same; better or worse on the right (order: met > partially_met > not_met); "
        "not_comparable when the outcomes differ and one is unknown or not applicable."
    )
    left_detail: SideFinding = Field(description="Evidence, missing facts and reason on the left.")
    right_detail: SideFinding = Field(description="Evidence, missing facts and reason on the right.")


class DiffCounts(Result):
    """How the two sides compare over all selected rules (before `--changed-only`).

    Each rule falls in exactly one of: unknown, not_applicable, both_met, only_left,
    only_right, neither (checked in that order), so these six add up to ``total``.
    """

    total: int = Field(description="Rules compared.")
    both_met: int = Field(description="Rules both sides meet.")
    only_left: int = Field(description="Rules the left meets and the right does not (partially or not met).")
    only_right: int = Field(description="Rules the right meets and the left does not (partially or not met).")
    neither: int = Field(description="Rules neither side meets (each partially or not met).")
    unknown: int = Field(description="Rules whose outcome is unknown on either side.")
    not_applicable: int = Field(description="Rules that do not apply on either side (and are known on both).")
    differing: int = Field(description="Rules whose outcome differs between the sides.")
    better: int = Field(description="Rules better on the right (met > partially_met > not_met).")
    worse: int = Field(description="Rules worse on the right: regressions when the sides are two dates.")
    not_comparable: int = Field(description="Rules whose outcome differs with one side unknown or not applicable.")


class PillarDiff(Result):
    """The indicative score of each side for one pillar (or overall), the difference, and the trend.

    The trend is read only over the rules known on both sides (``comparable``): a rule turning
    unknown takes its outcome out of one side's score, which can raise that score without any
    change in the law, so it must not count as improvement (see ``Diff.evidence_lost``).
    """

    pillar: str = Field(description="Pillar name, or `overall`.")
    left: float | None = Field(description="Left score, 0-100; null when no outcome is known.")
    right: float | None = Field(description="Right score, 0-100; null when no outcome is known.")
    difference: float | None = Field(description="Right minus left; null when either score is null.")
    left_coverage: float | None = Field(description="Share of the left's applicable rules with a known outcome.")
    right_coverage: float | None = Field(description="Share of the right's applicable rules with a known outcome.")
    applicable: int = Field(default=0, description="Rules of the pillar that apply on at least one side.")
    comparable: int = Field(
        default=0, description="Applicable rules whose outcome is known (met, partially met, not met) on both sides."
    )
    comparable_left: float | None = Field(
        default=None, description="Left score over the comparable rules only; null when none is comparable."
    )
    comparable_right: float | None = Field(
        default=None, description="Right score over the comparable rules only; null when none is comparable."
    )
    comparable_difference: float | None = Field(
        default=None, description="Right minus left over the comparable rules; what the trend word reads."
    )
    evidence_lost: int = Field(default=0, description="Rules of the pillar known on the left and unknown on the right.")
    evidence_gained: int = Field(
        default=0, description="Rules of the pillar unknown on the left and known on the right."
    )
    trend: Trend | None = Field(
        description="For one jurisdiction: improved, maintained or declined from left to right by the score over "
        "the comparable rules; not_comparable when fewer than half of the applicable rules are known on both "
        "sides (see `trend_reason`); null for two jurisdictions."
    )
    trend_reason: str | None = Field(default=None, description="Why the trend is not_comparable (null otherwise).")


class EvidenceChange(RuleRef):
    """A rule whose outcome is known on one side and unknown on the other: knowledge, not law, changed."""

    left: Outcome = Field(description="The outcome on the left.")
    right: Outcome = Field(description="The outcome on the right.")
    missing: list[str] = Field(description="The facts absent or unknown on the side where the outcome is unknown.")


class Lesson(RuleRef):
    """A rule one side meets and the other does not: the meeting side's law, as a model."""

    lacking: Outcome = Field(description="The outcome on the side that lacks it: partially_met or not_met.")
    provisions: list[str] = Field(description="The provisions the meeting side's outcome rests on.")
    sources: list[SourceRef] = Field(description="The meeting side's sources behind them.")


class FactChange(ChangedFact):
    """A profile fact whose value differs between the two dates of one jurisdiction."""

    left: Evidence | None = Field(description="The fact as it held on the left date; null when nothing was recorded.")
    right: Evidence | None = Field(description="The fact as it held on the right date; null when nothing was recorded.")
    sources: list[SourceRef] = Field(description="Sources cited by either value, in the profiles' order.")


class Diff(Result):
    """A comparison of two audits, rule by rule: the JSON diff is this model."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this report format.")
    left: DiffSide = Field(description="The left side: identity and as-of date.")
    right: DiffSide = Field(description="The right side: identity and as-of date.")
    rulebook_version: str = Field(description="Version of the rulebook both sides were audited with.")
    same_jurisdiction: bool = Field(
        description="Both sides are one jurisdiction (same profile id): trends and changed facts are given."
    )
    changed_only: bool = Field(description="Whether `rules` keeps only the rules whose outcome differs.")
    headline: str = Field(description="One-sentence summary of the comparison.")
    counts: DiffCounts = Field(description="How the sides compare over all selected rules.")
    pillars: list[PillarDiff] = Field(description="One entry per pillar in pillar order, then `overall`.")
    rules: list[RuleDiff] = Field(description="One entry per rule, in rulebook order.")
    right_has: list[Lesson] = Field(description="What the right has that the left lacks, in rulebook order.")
    left_has: list[Lesson] = Field(description="What the left has that the right lacks, in rulebook order.")
    evidence_lost: list[EvidenceChange] = Field(
        default_factory=empty_list,
        description="For one jurisdiction: rules known on the left and unknown on the right, in rulebook order: "
        "evidence lost, never counted as improvement (nor as regression).",
    )
    evidence_gained: list[EvidenceChange] = Field(
        default_factory=empty_list,
        description="For one jurisdiction: rules unknown on the left and known on the right, in rulebook order.",
    )
    facts_changed: list[FactChange] = Field(
        description="For one jurisdiction: facts whose value differs between the two sides, in schema order."
    )
