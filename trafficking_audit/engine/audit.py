"""Assemble an :class:`~trafficking_audit.models.result.Audit` from a profile and a rulebook.

This composes the pure steps: evaluate every rule, attach graded recommendations
with peer examples, score, and write the headline. Peers are the other profiles in
the data, evaluated on the same date with the same rules, so a recommendation can
name who already meets the standard and on which provision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import get_args

from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.engine.recommend import PeerFindings, PeerIndex, recommend, source_refs
from trafficking_audit.engine.research_plan import evidence_needed
from trafficking_audit.engine.scoring import score
from trafficking_audit.engine.statistics import statistics_series, tip_tiers
from trafficking_audit.models.facts import Basis
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Finding, JurisdictionRef, Scores
from trafficking_audit.models.rule import Instrument, Rule


def findings_for(
    profile: Profile,
    rules: Sequence[Rule],
    as_of: dt.date,
    instruments: Mapping[str, Instrument],
    lang: Language = ENGLISH,
) -> list[Finding]:
    """Every rule's finding for one profile, in rulebook order (no recommendations yet); ``instruments`` is the
    catalogue the citations name, whose dates decide what binds on ``as_of``; reasons are written in ``lang``."""
    return [evaluate(rule, profile, as_of, instruments, lang) for rule in rules]


def build_audit(
    profile: Profile,
    rules: Sequence[Rule],
    as_of: dt.date,
    rulebook_version: str,
    instruments: Mapping[str, Instrument],
    peers: PeerFindings | PeerIndex | None = None,
    findings: Sequence[Finding] | None = None,
    lang: Language = ENGLISH,
) -> Audit:
    """The complete audit of one profile (``instruments``: the catalogue the citations name, which decides what
    binds and gives reports the short names; ``findings``: its findings when already evaluated)."""
    if findings is None:
        findings = findings_for(profile, rules, as_of, instruments, lang)
    findings = recommend(profile, rules, findings, peers if peers is not None else {}, lang)
    scores = score(findings)
    recommendations = sorted(
        (f.recommendation for f in findings if f.recommendation is not None), key=lambda r: r.priority
    )
    cited = sorted({s for f in findings for e in f.evidence for s in e.sources})
    return Audit(
        jurisdiction=JurisdictionRef.of(profile),
        as_of=as_of,
        rulebook_version=rulebook_version,
        headline=headline(lang.country(profile.iso2, profile.name), as_of, findings, scores, lang),
        scores=scores,
        findings=findings,
        recommendations=recommendations,
        sources=source_refs(profile, cited),
        instrument_parts={
            i: instruments[i].parts if i in instruments else "article"
            for i in sorted({c.instrument for f in findings for c in f.citations})
        },
        instruments={
            i: instruments[i].short if i in instruments else i
            for i in sorted({c.instrument for f in findings for c in f.citations})
        },
        statistics=statistics_series(profile),
        evidence_needed=evidence_needed(profile, rules, findings, as_of),
        tip_tiers=tip_tiers(profile),
        evidence_basis=evidence_basis(findings),
    )


# Every basis a fact may record, in order of strength, and `none` for a fact that records none.
BASES = (*get_args(Basis), "none")


def evidence_basis(findings: Sequence[Finding]) -> dict[str, int]:
    """The distinct facts the findings rest on, counted by how each was established (see ``Fact.basis``).

    A reader weighs a finding by its evidence: a score resting on facts read in the law's text is not the same
    as one resting on news reports, so every report says how much of each it has.
    """
    bases = {e.fact: e.basis or "none" for f in findings for e in f.evidence}
    counts = {basis: sum(1 for b in bases.values() if b == basis) for basis in BASES}
    return {basis: n for basis, n in counts.items() if n}


def headline(name: str, as_of: dt.date, findings: Sequence[Finding], scores: Scores, lang: Language = ENGLISH) -> str:
    """One-sentence verdict in the manner of a TIP report's opening line, without a tier, in ``lang``
    (the counts with the plural forms of the language: 1 норма, 2 нормы, 5 норм)."""
    _, n_ = lang.gettext, lang.ngettext
    overall = scores.overall
    applicable = len(findings) - overall.not_applicable
    gaps = [f for f in findings if f.status == "not_met"]
    critical = sum(1 for f in gaps if f.severity == "critical")
    # The English singular says "standards" too: the sentence has always read so, and reports are compared.
    counted = n_(
        "{met} of {applicable} applicable standards", "{met} of {applicable} applicable standards", applicable
    ).format(met=overall.met, applicable=applicable)
    critical_text = (
        n_(", {n} of them critical", ", {n} of them critical", critical).format(n=critical) if critical else ""
    )
    return _(
        "As of {date}, {name} meets {counted} ({partially} partially, {not_met} not met{critical}; {unknown} unknown);"
        " {score}."
    ).format(
        date=lang.date(as_of),
        name=name,
        counted=counted,
        partially=overall.partially_met,
        not_met=overall.not_met,
        critical=critical_text,
        unknown=overall.unknown,
        score=overall.phrase(lang),
    )
