"""Rule x profile -> finding: outcome, obligation, evidence, and the reason for a finding short of met.

Pure functions, no I/O. Conditions are evaluated under three-valued logic
(:mod:`.conditions`); a fact that is absent or unknown makes the outcome unknown,
never "not met". Every outcome but met carries a reason computed from the
condition (:mod:`.reasons`), never written per rule or per profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trafficking_audit.engine.conditions import Reading, compare, truth
from trafficking_audit.engine.reasons import deciding, shortfall
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding
from trafficking_audit.models.rule import Condition, Rule
from trafficking_audit.models.vocabulary import Outcome

__all__ = ["Reading", "Verdict", "binding", "compare", "evaluate", "outcome", "truth"]


@dataclass(frozen=True)
class Verdict:
    """A rule's outcome with its reason and, for a gap, the elements the profile lacks."""

    status: Outcome
    reason: str | None = None
    lacking: tuple[str, ...] = ()


def outcome(rule: Rule, reading: Reading) -> Verdict:
    """The outcome of a rule, with the reason for every outcome but met (see :mod:`.reasons`)."""
    if rule.applies_if is not None:
        applies = truth(rule.applies_if, reading)
        if applies is False:
            why = rule.not_applicable_reason or "the rule's applicability condition is false"
            return Verdict("not_applicable", why)
        if applies is None:
            return Verdict("unknown", "whether the rule applies is unknown: " + _facts(rule.applies_if, reading))
    met = truth(rule.met, reading)
    if met is True:
        return Verdict("met")
    if met is None:
        # Unknown stays unknown, but say when the weaker standard is already established.
        if rule.partially_met is not None and truth(rule.partially_met, reading) is True:
            return Verdict(
                "unknown",
                "at least partially met; facts needed to decide whether it is fully met are unknown: "
                + _facts(rule.met, reading),
            )
        return Verdict("unknown", "facts needed to decide are unknown: " + _facts(rule.met, reading))
    short = shortfall(rule.met, reading)
    if rule.partially_met is None:
        return Verdict("not_met", short.text(), tuple(short.elements))
    partial = truth(rule.partially_met, reading)
    if partial is True:
        return Verdict("partially_met", short.text(), tuple(short.elements))
    if partial is None:
        return Verdict(
            "unknown",
            "facts needed to decide between partially met and not met are unknown: "
            + _facts(rule.partially_met, reading),
        )
    return Verdict("not_met", short.text(), tuple(short.elements))


def _facts(condition: Condition, reading: Reading) -> str:
    """The unknown facts that would decide ``condition``, for the reason of an unknown outcome."""
    return ", ".join(deciding(condition, reading))


def binding(rule: Rule, profile: Profile, day: dt.date) -> bool:
    """Whether the standard binds this jurisdiction (``binding_if`` true, or no such condition)."""
    if rule.binding_if is None:
        return True
    return truth(rule.binding_if, Reading(profile, day)) is True


def evaluate(rule: Rule, profile: Profile, day: dt.date) -> Finding:
    """One finding: outcome, effective obligation, evidence and missing facts."""
    reading = Reading(profile, day)
    verdict = outcome(rule, reading)
    bound = binding(rule, profile, day)
    return Finding(
        rule=rule.id,
        title=rule.title,
        status=verdict.status,
        pillar=rule.pillar,
        severity=rule.severity,
        obligation=rule.obligation if bound else "good-practice",
        binding=bound,
        citations=list(rule.citations),
        evidence=list(reading.evidence.values()),  # evaluation order: the first leaf comes first
        missing=sorted(reading.missing),
        reason=verdict.reason,
        missing_elements=list(verdict.lacking),
    )
