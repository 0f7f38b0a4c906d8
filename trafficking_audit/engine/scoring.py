"""Transparent, indicative scores per pillar and overall, with the bounds that missing evidence leaves open.

Formula (also in the README): each applicable rule counts with a weight by severity
(critical 4, high 3, medium 2, low 1) and a credit by outcome (met 1, partially met
0.5, not met 0). The point score is 100 x sum(weight x credit) / sum(weight) over the
rules whose outcome is known. Unknowns are not missing at random: what a thin
profile records is the easy part (treaty status, an offence on the books), so the
point score alone flatters it. Two bounds say what the score could be once the
unknowns are known: the low bound counts every unknown as not met, the high bound
counts every unknown as met, with the same weights. Evidence coverage is the share
of applicable rules whose outcome is known; below :data:`MIN_COVERAGE` no point
score is headlined, only the range. Not-applicable rules count nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from trafficking_audit.models.result import Finding, PillarScore, Scores
from trafficking_audit.models.result_base import MIN_COVERAGE
from trafficking_audit.models.vocabulary import OUTCOMES, PILLARS

WEIGHTS = {"critical": 4, "high": 3, "medium": 2, "low": 1}
CREDITS = {"met": 1.0, "partially_met": 0.5, "not_met": 0.0}


def pillar_score(name: str, findings: Iterable[Finding]) -> PillarScore:
    """Score, bounds and coverage of a group of findings."""
    findings = list(findings)
    counts = dict.fromkeys(OUTCOMES, 0)
    weighted = known = unknown = 0.0
    for finding in findings:
        counts[finding.status] += 1
        weight = WEIGHTS[finding.severity]
        if finding.status in CREDITS:
            known += weight
            weighted += weight * CREDITS[finding.status]
        elif finding.status == "unknown":
            unknown += weight
    coverage = coverage_of(f.status for f in findings)
    everything = known + unknown
    return PillarScore(
        pillar=name,
        score=round(100 * weighted / known, 1) if known else None,
        low=round(100 * weighted / everything, 1) if everything else None,
        high=round(100 * (weighted + unknown) / everything, 1) if everything else None,
        sufficient=coverage is not None and coverage >= MIN_COVERAGE and known > 0,
        coverage=coverage,
        **counts,
    )


def coverage_of(statuses: Iterable[str]) -> float | None:
    """Evidence coverage: the share of applicable rules (not not_applicable) whose outcome is known, to 3 places;
    None when no rule applies. What ``--min-coverage`` gates on."""
    found = list(statuses)
    applicable = sum(1 for s in found if s != "not_applicable")
    unknown = sum(1 for s in found if s == "unknown")
    return round((applicable - unknown) / applicable, 3) if applicable else None


def headline_score(s: PillarScore) -> float | None:
    """The point score when the evidence suffices to headline it, else None (give the range)."""
    return s.score if s.sufficient else None


def score(findings: list[Finding]) -> Scores:
    """Scores for every pillar and overall."""
    return Scores(
        overall=pillar_score("overall", findings),
        pillars=[pillar_score(p, (f for f in findings if f.pillar == p)) for p in PILLARS],
    )
