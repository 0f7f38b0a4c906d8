"""TIP tier histories: one sourced placement per report edition, from the first edition that ranked the country.

The values pinned here were read in the Kelley-Heiss data (2001-2015) and in the reports (later
editions); a wrong edit of a profile's `tip_tiers` fails here with the year that moved.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from trafficking_audit.app.session import Session

PROFILES = {loaded.profile.id: loaded.profile for loaded in Session.open(ROOT).profiles.all()}


def tiers(profile_id: str) -> dict[int, str]:
    return {entry.report_year: entry.tier for entry in PROFILES[profile_id].tip_tiers}


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_one_sourced_placement_per_edition_in_order(profile) -> None:
    years = [entry.report_year for entry in profile.tip_tiers]
    assert years == sorted(set(years))
    known = {source.id for source in profile.sources}
    for entry in profile.tip_tiers:
        assert entry.sources, entry.report_year
        assert set(entry.sources) <= known, entry.report_year


@pytest.mark.parametrize(
    ("profile_id", "first", "last"),
    [
        ("portugal", 2002, 2023),  # 2001 not ranked (Kelley-Heiss NA); 2024-2025 not found
        ("qatar", 2001, 2023),
        ("sweden", 2001, 2023),
        ("united-states", 2010, 2025),  # the United States ranks itself from the 2010 edition
        ("kazakhstan", 2001, 2025),
    ],
)
def test_peer_histories_start_at_the_first_ranked_edition(profile_id: str, first: int, last: int) -> None:
    years = sorted(tiers(profile_id))
    assert (years[0], years[-1]) == (first, last)


@pytest.mark.parametrize(
    ("profile_id", "year", "tier"),
    [
        ("portugal", 2005, "Tier 1"),
        ("portugal", 2006, "Tier 2"),
        ("portugal", 2011, "Tier 1"),
        ("portugal", 2014, "Tier 2"),
        ("portugal", 2021, "Tier 2"),
        ("qatar", 2002, "Tier 3"),
        ("qatar", 2003, "Tier 2"),
        ("qatar", 2004, "Tier 2 Watch List"),
        ("qatar", 2016, "Tier 2 Watch List"),
        ("qatar", 2017, "Tier 2"),
        ("sweden", 2001, "Tier 2"),
        ("sweden", 2003, "Tier 1"),
        ("united-states", 2010, "Tier 1"),
    ],
)
def test_pinned_placements(profile_id: str, year: int, tier: str) -> None:
    assert tiers(profile_id)[year] == tier


def test_sweden_2002_is_not_recorded_without_a_source() -> None:
    assert 2002 not in tiers("sweden")
