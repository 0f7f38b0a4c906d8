"""The profile's statistics and TIP tiers, regrouped for reports.

A profile records statistics as one entry per year and source (several counts of the
same year may disagree: Kazakhstan's 2020 investigations are 111 in the seed paper and
100 in the Interior Ministry's briefing). A chart needs them the other way round: one
series per indicator and counting basis, so that disagreeing counts are drawn side by
side and the one the profile uses is named. TIP tiers are passed through in report-year
order, labelled in every report as an external assessment that the score does not use.
"""

from __future__ import annotations

from typing import Literal

from trafficking_audit.engine.recommend import source_refs
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import StatisticsPoint, StatisticsSeries, TipTier

Indicator = Literal["investigations", "prosecutions", "convictions", "victims_identified"]
INDICATORS: tuple[Indicator, ...] = ("investigations", "prosecutions", "convictions", "victims_identified")


def statistics_series(profile: Profile) -> list[StatisticsSeries]:
    """One series per indicator and counting basis, in indicator order, then by first year."""
    groups: dict[tuple[Indicator, str], tuple[list[StatisticsPoint], list[str]]] = {}
    for entry in sorted(profile.statistics, key=lambda e: e.year):
        for indicator in INDICATORS:
            value = getattr(entry, indicator)
            if value is None:
                continue
            points, sources = groups.setdefault((indicator, entry.counting_basis), ([], []))
            points.append(
                StatisticsPoint(year=entry.year, value=value, used_by_audit=entry.used_by_audit, note=entry.note)
            )
            sources.extend(s for s in entry.sources if s not in sources)
    ordered = sorted(groups.items(), key=lambda item: (INDICATORS.index(item[0][0]), item[1][0][0].year))
    return [
        StatisticsSeries(
            indicator=indicator,
            counting_basis=basis,
            points=points,
            sources=source_refs(profile, sources),
        )
        for (indicator, basis), (points, sources) in ordered
    ]


def tip_tiers(profile: Profile) -> list[TipTier]:
    """The profile's TIP placements, oldest report first."""
    return [
        TipTier(report_year=t.report_year, tier=t.tier, sources=source_refs(profile, t.sources), note=t.note)
        for t in sorted(profile.tip_tiers, key=lambda t: t.report_year)
    ]
