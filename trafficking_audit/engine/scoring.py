"""Transparent, indicative scores per pillar and overall.

Formula (also in the README): each rule with a known outcome counts with a weight
by severity (critical 4, high 3, medium 2, low 1) and a credit by outcome (met 1,
partially met 0.5, not met 0). A pillar's score is 100 x sum(weight x credit) /
sum(weight). Unknown and not-applicable outcomes are left out of the score; the
share of applicable rules whose outcome is known is reported as evidence coverage.
"""

from __future__ import annotations

from collections.abc import Iterable

from trafficking_audit.models.result import Finding, PillarScore, Scores
from trafficking_audit.models.rule import PILLARS

WEIGHTS = {"critical": 4, "high": 3, "medium": 2, "low": 1}
CREDITS = {"met": 1.0, "partially_met": 0.5, "not_met": 0.0}


def pillar_score(name: str, findings: Iterable[Finding]) -> PillarScore:
    """Score and coverage of a group of findings."""
    findings = list(findings)
    counts = {status: 0 for status in ("met", "partially_met", "not_met", "unknown", "not_applicable")}
    weighted = total = 0.0
    for finding in findings:
        counts[finding.status] += 1
        if finding.status in CREDITS:
            weight = WEIGHTS[finding.severity]
            total += weight
            weighted += weight * CREDITS[finding.status]
    applicable = len(findings) - counts["not_applicable"]
    known = applicable - counts["unknown"]
    return PillarScore(
        pillar=name,
        score=round(100 * weighted / total, 1) if total else None,
        coverage=round(known / applicable, 3) if applicable else None,
        **counts,
    )


def score(findings: list[Finding]) -> Scores:
    """Scores for every pillar and overall."""
    return Scores(
        overall=pillar_score("overall", findings),
        pillars=[pillar_score(p, (f for f in findings if f.pillar == p)) for p in PILLARS],
    )
