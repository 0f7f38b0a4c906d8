"""The comparison on fixture profiles: outcomes, counts, scores, lessons and changed facts, exactly."""

from __future__ import annotations

import pytest

from tests.diff.sample import AFTER, BEFORE, audit, diff, profile
from trafficking_audit.engine.diff import became_unknown, bucket, change, compare_audits, regressions
from trafficking_audit.models.diff import Diff
from trafficking_audit.models.paths import fact_paths
from trafficking_audit.models.profile import Profile


def test_one_jurisdiction_over_time() -> None:
    alpha = profile("alpha")
    d = diff((alpha, BEFORE), (alpha, AFTER))
    assert d.same_jurisdiction and not d.changed_only
    assert (d.left.id, d.left.as_of, d.right.as_of) == ("alpha", BEFORE, AFTER)
    assert d.left.label == "Alphaland (2022-12-31)"
    assert [(r.rule, r.left, r.right, r.change) for r in d.rules] == [
        ("offence-defined", "met", "met", "same"),
        ("means-elements", "not_met", "met", "better"),
        ("referral", "partially_met", "met", "better"),
        ("shelters", "met", "met", "same"),
        ("hotline", "met", "not_met", "worse"),
        ("eu-cooperation", "not_applicable", "not_applicable", "same"),
        ("coordinator", "met", "unknown", "not_comparable"),
    ]
    c = d.counts
    assert (c.total, c.both_met, c.only_left, c.only_right) == (7, 2, 1, 2)
    assert (c.neither, c.unknown, c.not_applicable) == (0, 1, 1)
    assert (c.differing, c.better, c.worse, c.not_comparable) == (4, 2, 1, 1)
    assert [(p.pillar, p.trend) for p in d.pillars] == [
        ("prosecution", "improved"),
        ("protection", "improved"),
        ("prevention", "declined"),
        ("partnership", "not_comparable"),  # its one applicable rule turned unknown
        ("overall", "improved"),
    ]
    prevention = d.pillars[2]
    assert (prevention.left, prevention.right, prevention.difference) == (100.0, 0.0, -100.0)
    assert [r.rule for r in regressions(d)] == ["hotline"]
    assert [r.rule for r in became_unknown(d)] == ["coordinator"]


def test_lessons_carry_the_meeting_sides_provision_and_sources() -> None:
    alpha = profile("alpha")
    d = diff((alpha, BEFORE), (alpha, AFTER))
    assert [(x.rule, x.lacking, x.provisions) for x in d.right_has] == [
        ("means-elements", "not_met", ["Law No. 24 Art. 3"]),
        ("referral", "partially_met", ["Law No. 24 Art. 9"]),
    ]
    assert [s.id for s in d.right_has[0].sources] == ["tip-law"]
    assert [(x.rule, x.provisions, [s.id for s in x.sources]) for x in d.left_has] == [
        ("hotline", ["Ministry Decree 5"], ["ngo-report"])
    ]


def test_facts_changed_between_dates_with_sources() -> None:
    alpha = profile("alpha")
    d = diff((alpha, BEFORE), (alpha, AFTER))
    changed = {c.fact: c for c in d.facts_changed}
    assert list(changed) == [
        "offence.means_role",
        "protection.referral.unified_national",
        "institutions.coordinating_body",
        "prevention.hotline",
    ]
    means = changed["offence.means_role"]
    assert means.left is not None and means.right is not None
    assert (means.left.value, means.left.provision) == ("aggravating_only", "Penal Code Art. 100(2)")
    assert (means.right.value, means.right.provision) == ("constituent", "Law No. 24 Art. 3")
    assert [s.id for s in means.sources] == ["penal-code", "tip-law"]
    coordinator = changed["institutions.coordinating_body"]
    assert coordinator.right is not None and coordinator.right.value == "unknown"
    assert "protection.shelters" not in changed and "offence.exists" not in changed


def test_two_jurisdictions() -> None:
    d = diff((profile("alpha"), BEFORE), (profile("beta"), BEFORE))
    assert not d.same_jurisdiction
    assert all(p.trend is None for p in d.pillars)
    assert d.facts_changed == []
    assert [(r.rule, r.change) for r in d.rules if r.change != "same"] == [
        ("means-elements", "better"),
        ("referral", "better"),
        ("shelters", "worse"),
        ("hotline", "not_comparable"),
        ("eu-cooperation", "not_comparable"),
    ]
    assert [x.rule for x in d.right_has] == ["referral"]  # means-elements is only partially met on the right
    assert [(x.rule, x.lacking) for x in d.left_has] == [("shelters", "not_met")]
    c = d.counts
    assert (c.both_met, c.only_left, c.only_right, c.neither, c.unknown, c.not_applicable) == (2, 1, 1, 1, 1, 1)


def test_changed_only_keeps_differing_rules_but_counts_all() -> None:
    alpha = profile("alpha")
    full = diff((alpha, BEFORE), (alpha, AFTER))
    short = diff((alpha, BEFORE), (alpha, AFTER), changed_only=True)
    assert short.changed_only
    assert [r.rule for r in short.rules] == [r.rule for r in full.rules if r.change != "same"]
    assert short.counts == full.counts and short.pillars == full.pillars


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("met", "met", "same"),
        ("met", "partially_met", "worse"),
        ("partially_met", "not_met", "worse"),
        ("not_met", "met", "better"),
        ("not_met", "partially_met", "better"),
        ("met", "unknown", "not_comparable"),
        ("unknown", "not_met", "not_comparable"),
        ("not_applicable", "met", "not_comparable"),
        ("unknown", "unknown", "same"),
    ],
)
def test_change_order(left: str, right: str, expected: str) -> None:
    assert change(left, right) == expected  # type: ignore[arg-type]


def test_buckets_put_unknown_first() -> None:
    assert bucket("unknown", "not_applicable") == "unknown"
    assert bucket("met", "not_applicable") == "not_applicable"
    assert bucket("partially_met", "met") == "only_right"
    assert bucket("partially_met", "not_met") == "neither"


def test_audits_of_different_rule_selections_are_refused() -> None:
    alpha = profile("alpha")
    full = audit(alpha, BEFORE)
    short = full.model_copy(update={"findings": full.findings[:2]})
    with pytest.raises(ValueError, match="same rules"):
        compare_audits(full, short)


def test_fact_paths_walk_the_schema_and_the_treaty_keys() -> None:
    paths = fact_paths(profile("alpha"))
    assert paths[:2] == ["memberships.eu", "memberships.council_of_europe"]
    assert "offence.penalties.basic.min_years" in paths and "protection.referral.unified_national" in paths
    assert not any(p.startswith(("sources", "statistics", "tip_tiers", "id")) for p in paths)
    assert len(paths) == len(set(paths))
    assert not any(p.startswith("treaties.") for p in paths)
    data = profile("alpha").model_dump(exclude_unset=True)
    data["treaties"] = {"untoc": {"status": {"value": "party"}}, "palermo-protocol": {"status": {"value": "party"}}}
    with_treaties = fact_paths(Profile.model_validate(data))
    assert [p for p in with_treaties if p.startswith("treaties.")] == [
        "treaties.palermo-protocol.status",
        "treaties.untoc.status",
    ]


def test_every_diff_field_is_described() -> None:
    schema = Diff.model_json_schema()
    models = [schema, *schema["$defs"].values()]
    undescribed = [
        f"{m['title']}.{name}"
        for m in models
        for name, prop in m.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []
    assert {"Diff", "DiffSide", "RuleDiff", "Lesson", "FactChange", "PillarDiff", "DiffCounts"} <= {
        m["title"] for m in models
    }
