"""Rule x profile -> finding: outcome, obligation, evidence, and the reason for a finding short of met.

Pure functions, no I/O. Conditions are evaluated under three-valued logic
(:mod:`.conditions`); a fact that is absent or unknown makes the outcome unknown,
never "not met". Every outcome but met carries a reason computed from the
condition (:mod:`.reasons`), never written per rule or per profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trafficking_audit.engine.binding import obligations
from trafficking_audit.engine.conditions import Reading, apply_operator, deciding, truth
from trafficking_audit.engine.reasons import shortfall
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Condition, Instrument, Rule
from trafficking_audit.models.vocabulary import Outcome

if TYPE_CHECKING:
    from trafficking_audit.models.result import Finding

__all__ = ["Reading", "Verdict", "apply_operator", "evaluate", "outcome", "truth"]


@dataclass(frozen=True)
class Verdict:
    """A rule's outcome with its reason and, for a gap, the elements the profile lacks."""

    status: Outcome
    reason: str | None = None
    lacking: tuple[str, ...] = ()


def outcome(rule: Rule, reading: Reading, lang: Language = ENGLISH) -> Verdict:
    """The outcome of a rule, with the reason for every outcome but met (see :mod:`.reasons`), in ``lang``."""
    _ = lang.gettext
    if rule.applies_if is not None:
        applies = truth(rule.applies_if, reading)
        if applies is False:
            why = rule.not_applicable_reason or _("the rule's applicability condition is false")
            return Verdict("not_applicable", why)
        if applies is None:
            return Verdict(
                "unknown",
                _("whether the rule applies is unknown: {facts}").format(facts=_facts(rule.applies_if, reading)),
            )
    met = truth(rule.met, reading)
    if met is True:
        return Verdict("met")
    if met is None:
        # Unknown stays unknown, but say when the weaker standard is already established.
        if rule.partially_met is not None and truth(rule.partially_met, reading) is True:
            return Verdict(
                "unknown",
                _("at least partially met; facts needed to decide whether it is fully met are unknown: {facts}").format(
                    facts=_facts(rule.met, reading)
                ),
            )
        return Verdict(
            "unknown", _("facts needed to decide are unknown: {facts}").format(facts=_facts(rule.met, reading))
        )
    short = shortfall(rule.met, reading, lang)
    if rule.partially_met is None:
        return Verdict("not_met", short.text(), tuple(short.elements))
    partial = truth(rule.partially_met, reading)
    if partial is True:
        return Verdict("partially_met", short.text(), tuple(short.elements))
    if partial is None:
        return Verdict(
            "unknown",
            _("facts needed to decide between partially met and not met are unknown: {facts}").format(
                facts=_facts(rule.partially_met, reading)
            ),
        )
    return Verdict("not_met", short.text(), tuple(short.elements))


def _facts(condition: Condition, reading: Reading) -> str:
    """The unknown facts that would decide ``condition``, for the reason of an unknown outcome."""
    return ", ".join(deciding(condition, reading))


def evaluate(
    rule: Rule, profile: Profile, day: dt.date, instruments: Mapping[str, Instrument], lang: Language = ENGLISH
) -> Finding:
    """One finding: outcome, the obligation as the cited instruments bind the jurisdiction on ``day``,
    evidence and missing facts.

    ``instruments`` is the catalogue the citations name (:mod:`~trafficking_audit.engine.binding` reads
    their dates). A rule none of whose cited provisions existed on ``day`` is not applicable, and its
    finding keeps every citation so the report still says what it is about; otherwise the finding lists
    only the citations that existed on ``day``.
    """
    # Here, not at the top: `audit check` reads this module's outcomes (research plans) without findings, and
    # need not build the result models.
    from trafficking_audit.models.result import Finding

    bound = obligations(rule, instruments, profile, day)
    reading = Reading(profile, day)
    verdict = outcome(rule, reading, lang)
    if not bound.any_existed:
        # The facts are still read and shown (what the law said), but nothing was missing for a standard
        # that did not exist yet.
        verdict = Verdict("not_applicable", bound.basis)
        reading.missing.clear()
    return Finding(
        rule=rule.id,
        title=rule.title,
        status=verdict.status,
        pillar=rule.pillar,
        severity=rule.severity,
        obligation=bound.obligation,
        binding=bool(bound.binding),
        binding_citations=bound.binding,
        obligation_basis=bound.basis,
        citations=bound.existing if bound.any_existed else list(rule.citations),
        evidence=list(reading.evidence.values()),  # evaluation order: the first leaf comes first
        missing=sorted(reading.missing),
        reason=verdict.reason,
        missing_elements=list(verdict.lacking),
    )
