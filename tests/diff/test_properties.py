"""Properties of the comparison over generated profiles: a side against itself differs nowhere,
and swapping the sides swaps every pair.

Profiles are generated over the facts the fixture rules read, each absent, unknown, one
value, or a history that changes on a generated date, so the comparisons cover every
outcome, over time and between jurisdictions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.diff.sample import diff
from trafficking_audit.app.session import Session
from trafficking_audit.engine.audit import build_audit
from trafficking_audit.engine.diff import compare_audits
from trafficking_audit.models.diff import Diff, PillarDiff, RuleDiff
from trafficking_audit.models.profile import Profile

BOOL = st.booleans()
FACTS: dict[str, st.SearchStrategy[Any]] = {
    "memberships.eu": BOOL,
    "offence.exists": BOOL,
    "offence.means_role": st.sampled_from(["constituent", "aggravating_only", "illustrative", "not_covered"]),
    "protection.referral.exists": BOOL,
    "protection.referral.unified_national": BOOL,
    "protection.shelters": BOOL,
    "prevention.hotline": BOOL,
    "institutions.coordinating_body": BOOL,
    "cooperation.joint_investigation_teams": BOOL,
}
# 75 examples in CI, as these properties were written for; the developer profile's fewer (tests/conftest.py).
EXAMPLES = min(75, settings().max_examples)
DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
SWAP_CHANGE = {"same": "same", "better": "worse", "worse": "better", "not_comparable": "not_comparable"}
SWAP_TREND = {
    "improved": "declined",
    "declined": "improved",
    "maintained": "maintained",
    "not_comparable": "not_comparable",
    None: None,
}


def fact(value: Any, source: str, **period: dt.date) -> dict[str, Any]:
    return {"value": value, "sources": [source], "provision": f"Provision on {value}", **period}


@st.composite
def field(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> Any:
    """A field as a profile writes it: absent (None), unknown, one fact, or a dated history."""
    kind = draw(st.sampled_from(["absent", "unknown", "one", "history"]))
    if kind == "absent":
        return None
    if kind == "unknown":
        return {"value": "unknown"}
    if kind == "one":
        return fact(draw(values), "law-a")
    change = draw(DAYS)
    before = draw(values | st.just("unknown"))
    return [
        fact(before, "law-a", valid_to=change - dt.timedelta(days=1)),
        fact(draw(values), "law-b", valid_from=change),
    ]


@st.composite
def profiles(draw: st.DrawFn, ident: str) -> Profile:
    data: dict[str, Any] = {
        "id": ident,
        "name": ident.title(),
        "iso2": "XZ",
        "iso3": "XZZ",
        "last_reviewed": dt.date(2025, 1, 1),
        "sources": [
            {"id": "law-a", "title": "Old law", "kind": "legislation"},
            {"id": "law-b", "title": "New law", "kind": "legislation"},
        ],
    }
    for path, values in FACTS.items():
        value = draw(field(values))
        if value is None:
            continue
        *sections, name = path.split(".")
        target = data
        for section in sections:
            target = target.setdefault(section, {})
        target[name] = value
    return Profile.model_validate(data)


def assert_no_difference(d: Diff) -> None:
    assert all(r.change == "same" and r.left == r.right for r in d.rules)
    assert all(r.left_detail == r.right_detail for r in d.rules)
    c = d.counts
    assert (c.differing, c.better, c.worse, c.not_comparable, c.only_left, c.only_right) == (0, 0, 0, 0, 0, 0)
    assert d.right_has == [] and d.left_has == [] and d.facts_changed == []
    assert all(p.difference in (0, None) and p.left == p.right for p in d.pillars)
    assert all(p.trend in ("maintained", "not_comparable", None) for p in d.pillars)
    assert all(p.comparable_difference in (0, None) and d.evidence_lost == d.evidence_gained == [] for p in d.pillars)


def assert_swapped(ab: Diff, ba: Diff) -> None:
    assert (ab.left, ab.right) == (ba.right, ba.left)
    assert ab.same_jurisdiction == ba.same_jurisdiction
    assert len(ab.rules) == len(ba.rules)
    for x, y in zip(ab.rules, ba.rules, strict=True):
        assert swap_rule(x) == y
    for p, q in zip(ab.pillars, ba.pillars, strict=True):
        assert swap_pillar(p) == q
    c, s = ab.counts, ba.counts
    assert (c.only_left, c.only_right, c.better, c.worse) == (s.only_right, s.only_left, s.worse, s.better)
    assert (c.both_met, c.neither, c.unknown, c.not_applicable, c.differing) == (
        s.both_met,
        s.neither,
        s.unknown,
        s.not_applicable,
        s.differing,
    )
    assert (ab.right_has, ab.left_has) == (ba.left_has, ba.right_has)
    assert [e.rule for e in ab.evidence_lost] == [e.rule for e in ba.evidence_gained]
    swapped = [(f.fact, f.right, f.left) for f in ba.facts_changed]
    assert [(f.fact, f.left, f.right) for f in ab.facts_changed] == swapped


def swap_rule(r: RuleDiff) -> RuleDiff:
    return r.model_copy(
        update={
            "left": r.right,
            "right": r.left,
            "change": SWAP_CHANGE[r.change],
            "left_detail": r.right_detail,
            "right_detail": r.left_detail,
        }
    )


def swap_pillar(p: PillarDiff) -> PillarDiff:
    return p.model_copy(
        update={
            "left": p.right,
            "right": p.left,
            "left_coverage": p.right_coverage,
            "right_coverage": p.left_coverage,
            "difference": None if p.difference is None else -p.difference + 0.0,
            "trend": SWAP_TREND[p.trend],
            "comparable_left": p.comparable_right,
            "comparable_right": p.comparable_left,
            "comparable_difference": None if p.comparable_difference is None else -p.comparable_difference + 0.0,
            "evidence_lost": p.evidence_gained,
            "evidence_gained": p.evidence_lost,
        }
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(profiles("alpha"), DAYS)
def test_a_side_against_itself_differs_nowhere(p: Profile, day: dt.date) -> None:
    assert_no_difference(diff((p, day), (p, day)))


@settings(max_examples=EXAMPLES, deadline=None)
@given(profiles("alpha"), DAYS, DAYS)
def test_swapping_dates_swaps_every_pair(p: Profile, first: dt.date, second: dt.date) -> None:
    assert_swapped(diff((p, first), (p, second)), diff((p, second), (p, first)))


@settings(max_examples=EXAMPLES, deadline=None)
@given(profiles("alpha"), profiles("beta"), DAYS, DAYS)
def test_swapping_jurisdictions_swaps_every_pair(a: Profile, b: Profile, first: dt.date, second: dt.date) -> None:
    ab, ba = diff((a, first), (b, second)), diff((b, second), (a, first))
    assert not ab.same_jurisdiction and ab.facts_changed == []
    assert_swapped(ab, ba)


@pytest.mark.parametrize("day", [dt.date(2019, 1, 1), dt.date(2025, 6, 30)])
def test_every_bundled_profile_against_itself_differs_nowhere(session: Session, day: dt.date) -> None:
    for loaded in session.profiles.all():
        audit = build_audit(
            loaded.profile, session.rulebook.rules, day, session.rulebook.version, session.rulebook.instruments
        )
        assert_no_difference(compare_audits(audit, audit, (loaded.profile, loaded.profile)))
