"""Build the cross-jurisdiction overview from individual audits (pure).

An overview over hundreds of jurisdictions must not hold hundreds of full audits
(findings, evidence, recommendations with their peers) in memory: each audit is
reduced to its :class:`Entry` (its row of scores and the status of each rule) as
soon as it is made, and the overview is assembled from the entries. The row of a
profile can also be had from its findings alone, which is all the overview printed
by ``audit run --all`` needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trafficking_audit.engine.audit import findings_for, headline
from trafficking_audit.engine.scoring import headline_score, pillar_score, score
from trafficking_audit.engine.trend import first_date, yearly_points
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.overview import JurisdictionRow, MatrixCell, Overview, RuleColumn, ScoreOnDate
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Finding, JurisdictionRef, Scores
from trafficking_audit.models.rule import Instrument, Rule
from trafficking_audit.models.vocabulary import PILLARS, Outcome


@dataclass(frozen=True)
class Entry:
    """What the overview keeps of one audit: its row, and the status of each rule by id."""

    row: JurisdictionRow
    statuses: dict[str, Outcome]


def row_of(
    ref: JurisdictionRef | Profile, headline_text: str, scores: Scores, history: Sequence[ScoreOnDate] = ()
) -> JurisdictionRow:
    """A jurisdiction's row: identity, verdict, the headlined score with its bounds, the pillar scores and
    the overall score over the years (``history``)."""
    overall = scores.overall
    return JurisdictionRow.of(
        ref,
        headline=headline_text,
        score=headline_score(overall),
        score_low=overall.low,
        score_high=overall.high,
        coverage=overall.coverage,
        overall=overall,
        pillars=scores.pillars,
        history=list(history),
    )


def score_history(
    profile: Profile,
    rules: Sequence[Rule],
    as_of: dt.date,
    instruments: Mapping[str, Instrument],
    current: Sequence[Finding] | None = None,
) -> list[ScoreOnDate]:
    """The overall score on 1 January of each year of the profile's history up to ``as_of``, and on ``as_of``.

    Yearly samples, not every change point: a sparkline shows the direction of travel, and ``audit trend``
    gives the exact dates. Dates before the profile's history are never sampled, so a sparkline does not
    show scores the profile does not claim to describe; a profile with no dated history has ``as_of`` only.
    ``instruments``: the catalogue the citations name. ``current``, the findings on ``as_of`` when the caller
    has them already, saves evaluating them again.
    """
    start = first_date(profile)
    days = [d for d in yearly_points(start, as_of) if d < as_of] if start is not None and start <= as_of else []
    history = [
        ScoreOnDate(date=d, overall=pillar_score("overall", findings_for(profile, rules, d, instruments))) for d in days
    ]
    today = findings_for(profile, rules, as_of, instruments) if current is None else current
    return [*history, ScoreOnDate(date=as_of, overall=pillar_score("overall", today))]


def entry_of_audit(audit: Audit, history: Sequence[ScoreOnDate] = ()) -> Entry:
    """The overview entry of a complete audit."""
    row = row_of(audit.jurisdiction, audit.headline, audit.scores, history)
    return Entry(row, {f.rule: f.status for f in audit.findings})


def entry_of_findings(
    profile: Profile,
    findings: Sequence[Finding],
    as_of: dt.date,
    history: Sequence[ScoreOnDate] = (),
    lang: Language = ENGLISH,
) -> Entry:
    """The same entry as the audit's, from the profile's findings (scores and headline as ``build_audit``)."""
    scores = score(list(findings))
    row = row_of(
        profile, headline(lang.country(profile.iso2, profile.name), as_of, findings, scores, lang), scores, history
    )
    return Entry(row, {f.rule: f.status for f in findings})


def assemble_overview(
    entries: Sequence[Entry], rules: Sequence[Rule], as_of: dt.date, rulebook_version: str
) -> Overview:
    """The matrix of outcomes and the score table of entries made on one date with one rulebook."""
    columns = sorted(
        (RuleColumn(id=r.id, title=r.title, pillar=r.pillar, severity=r.severity) for r in rules),
        key=lambda c: PILLARS.index(c.pillar),  # stable: rulebook order within a pillar
    )
    # Jurisdictions whose evidence is too thin for a point score go last, so a ranking read from the top
    # never puts a thin profile above a well-documented one.
    ordered = sorted(entries, key=lambda e: (not e.row.overall.sufficient, e.row.id))
    cells: list[MatrixCell] = []
    for entry in ordered:
        cells.extend(
            MatrixCell(
                jurisdiction=entry.row.id, rule=c.id, pillar=c.pillar, severity=c.severity, status=entry.statuses[c.id]
            )
            for c in columns
        )
    return Overview(
        as_of=as_of,
        rulebook_version=rulebook_version,
        rules=columns,
        jurisdictions=[entry.row for entry in ordered],
        cells=cells,
    )


def build_overview(
    audits: Sequence[Audit],
    rules: Sequence[Rule],
    as_of: dt.date,
    rulebook_version: str,
    histories: Mapping[str, Sequence[ScoreOnDate]] | None = None,
) -> Overview:
    """The matrix of outcomes and the score table of audits made on one date with one rulebook,
    with each jurisdiction's score history (``score_history``) by profile id where given."""
    entries = [entry_of_audit(a, (histories or {}).get(a.jurisdiction.id, ())) for a in audits]
    return assemble_overview(entries, rules, as_of, rulebook_version)
