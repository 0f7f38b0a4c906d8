"""The jurisdictions in the data, each summarised: what ``audit list`` reports.

Each profile is audited against the whole rulebook on one date and reduced to its
identity, review date, evidence coverage and overall score, so an analyst can see
at a glance which profiles are thin or stale. Pure: profiles and rules in, rows out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from trafficking_audit.engine.audit import findings_for
from trafficking_audit.engine.scoring import headline_score, score
from trafficking_audit.models.listing import JurisdictionSummary
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding
from trafficking_audit.models.rule import Instrument, Rule


def summarise(profile: Profile, findings: Sequence[Finding], as_of: dt.date) -> JurisdictionSummary:
    """One jurisdiction's row, from its findings on ``as_of``."""
    overall = score(list(findings)).overall
    return JurisdictionSummary.of(
        profile,
        region=profile.region,
        as_of=as_of,
        score=headline_score(overall),
        score_low=overall.low,
        score_high=overall.high,
        coverage=overall.coverage,
        applicable=len(findings) - overall.not_applicable,
        unknown=overall.unknown,
    )


def list_jurisdictions(
    profiles: Iterable[Profile], rules: Sequence[Rule], as_of: dt.date, instruments: Mapping[str, Instrument]
) -> list[JurisdictionSummary]:
    """Every profile, audited with ``rules`` (``audit list``: the whole rulebook), sorted by id."""
    rows = [summarise(profile, findings_for(profile, rules, as_of, instruments), as_of) for profile in profiles]
    return sorted(rows, key=lambda row: (row.id, row.iso3))
