"""One jurisdiction over time: the audit on every date its law changed, and what changed.

An analyst asks "when did each gap close, and by which law?". Profiles already say when
each value held (``valid_from``/``valid_to``), so the dates on which an outcome can change
are known in advance: the first day of a value's validity, and the day after its last.
Between two such dates every fact holds still, so evaluating the rules once per change
point gives the whole history exactly, not a sample of it. The dates on which a treaty
entered into force for the state, and on which a cited instrument entered into force or
had to be transposed, are change points too: the law of the date decides obligations.

Pure functions: the profile and the rules are loaded once by the caller and evaluated per
date here (no recommendations or peers are needed for a grid of outcomes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from trafficking_audit.engine.audit import findings_for
from trafficking_audit.engine.diff import fact_changes
from trafficking_audit.engine.scoring import score
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.paths import iter_facts
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding, JurisdictionRef
from trafficking_audit.models.rule import Instrument, Rule
from trafficking_audit.models.trend import Sampling, Trend, TrendChange, TrendPoint, TrendRule

ONE_DAY = dt.timedelta(days=1)


def fact_dates(profile: Profile) -> set[dt.date]:
    """Every date on which some fact's validity starts, or the day after one ends."""
    dates: set[dt.date] = set()
    for _path, facts in iter_facts(profile):
        for fact in facts:
            if fact.valid_from is not None:
                dates.add(fact.valid_from)
            if fact.valid_to is not None and fact.valid_to < dt.date.max:
                dates.add(fact.valid_to + ONE_DAY)
    for status in profile.treaties.values():
        if status.in_force is not None:
            dates.add(status.in_force)
    return dates


def instrument_dates(rules: Sequence[Rule], instruments: Mapping[str, Instrument]) -> set[dt.date]:
    """Entry into force and transposition deadlines of the instruments the rules cite."""
    cited = {c.instrument for r in rules for c in r.citations} | {
        c.inserted_by for r in rules for c in r.citations if c.inserted_by
    }
    dates: set[dt.date] = set()
    for instrument_id in cited:
        instrument = instruments.get(instrument_id)
        if instrument is None:
            continue
        dates.update(d for d in (instrument.in_force, instrument.transposition_deadline) if d is not None)
    return dates


def first_date(profile: Profile) -> dt.date | None:
    """Where a trend starts by default: ``history_from``, else the earliest dated fact."""
    if profile.history_from is not None:
        return profile.history_from
    starts = [fact.valid_from for _path, facts in iter_facts(profile) for fact in facts if fact.valid_from]
    return min(starts) if starts else None


def change_points(dates: Iterable[dt.date], start: dt.date, end: dt.date) -> list[dt.date]:
    """``start``, every date of ``dates`` after it up to ``end``, and ``end``: sorted, no repeats."""
    inside = {d for d in dates if start < d <= end}
    return sorted({start, end, *inside})


def yearly_points(start: dt.date, end: dt.date) -> list[dt.date]:
    """1 January of every year from ``start``'s year to ``end``'s, within [start, end]."""
    days = [dt.date(year, 1, 1) for year in range(start.year, end.year + 1)]
    return [d for d in days if start <= d <= end] or [start]


def rule_facts(*findings: Finding) -> set[str]:
    """The fact paths the findings read: their evidence and their missing facts."""
    return {e.fact for f in findings for e in f.evidence} | {m for f in findings for m in f.missing}


def build_trend(
    profile: Profile,
    rules: Sequence[Rule],
    dates: Sequence[dt.date],
    every: Sampling,
    rulebook_version: str,
    instruments: Mapping[str, Instrument],
    lang: Language = ENGLISH,
) -> Trend:
    """The audit of ``profile`` at each of ``dates`` (sorted), and the changes between them (``instruments``: the
    catalogue the citations name, whose dates decide what binds on each date)."""
    points: list[TrendPoint] = []
    changes: list[TrendChange] = []
    previous: tuple[dt.date, list[Finding]] | None = None
    for day in dates:
        findings = findings_for(profile, rules, day, instruments, lang)
        points.append(TrendPoint(date=day, scores=score(findings), outcomes={f.rule: f.status for f in findings}))
        if previous is not None:
            changes.extend(_changes(profile, previous, (day, findings)))
        previous = (day, findings)
    return Trend(  # type: ignore[call-arg]  # populate_by_name: the mypy plugin knows only the aliases
        jurisdiction=JurisdictionRef.of(profile),
        rulebook_version=rulebook_version,
        start=dates[0],
        end=dates[-1],
        every=every,
        rules=[TrendRule(rule=r.id, title=r.title, pillar=r.pillar, severity=r.severity) for r in rules],
        points=points,
        changes=changes,
    )


def _changes(
    profile: Profile, before: tuple[dt.date, list[Finding]], after: tuple[dt.date, list[Finding]]
) -> list[TrendChange]:
    """The rules whose outcome differs between two consecutive points, with the facts that moved."""
    (old_day, old), (new_day, new) = before, after
    moved = [(o, n) for o, n in zip(old, new, strict=True) if o.status != n.status]
    if not moved:
        return []
    changed = fact_changes(profile, old_day, profile, new_day)
    read_by = {n.rule: rule_facts(o, n) for o, n in moved}
    return [
        TrendChange(  # type: ignore[call-arg]  # populate_by_name, as above
            date=new_day,
            rule=n.rule,
            title=n.title,
            from_=o.status,
            to=n.status,
            facts=[c for c in changed if c.fact in read_by[n.rule]],
        )
        for o, n in moved
    ]
