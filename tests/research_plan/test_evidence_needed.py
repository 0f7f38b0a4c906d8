"""The research plan: which unknown facts decide which rules, checked against the engine itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.engine.research_plan import candidates, decided, evidence_needed
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Instrument, Rule
from trafficking_audit.models.vocabulary import OBLIGATIONS, SEVERITIES

DAY = dt.date(2025, 1, 1)
# The catalogue the inline rules cite: the engine reads its dates to decide what binds on DAY.
CATALOGUE = {
    "palermo-protocol": Instrument(
        id="palermo-protocol",
        title="Palermo Protocol",
        short="Palermo Protocol",
        kind="treaty",
        adopted=dt.date(2000, 11, 15),
        in_force=dt.date(2003, 12, 25),
    )
}


def profile(**sections: object) -> Profile:
    return Profile.model_validate(
        {"id": "t", "name": "T", "iso2": "TT", "iso3": "TTT", "last_reviewed": dt.date(2025, 1, 1), **sections}
    )


def rule(met: dict[str, Any], partially: dict[str, Any] | None = None, **extra: Any) -> Rule:
    return Rule.model_validate(
        {
            "id": "r",
            "title": "R",
            "pillar": "prevention",
            "severity": "high",
            "obligation": "mandatory",
            "citations": [{"instrument": "palermo-protocol", "article": "9(1)", "strength": "mandatory"}],
            "summary": "s",
            "rationale": "r",
            "recommendation": "Adopt it.",
            "met": met,
            **({"partially_met": partially} if partially else {}),
            **extra,
        }
    )


HOTLINE = {"fact": "prevention.hotline", "is": True}
CAMPAIGNS = {"fact": "prevention.awareness_campaigns", "is": True}
UNKNOWN = {"value": "unknown"}


def plan_for(r: Rule, p: Profile) -> dict[str, Any]:
    finding = evaluate(r, p, DAY, CATALOGUE)
    return {n.fact: n for n in evidence_needed(p, [r], [finding], DAY)}


def test_a_fact_that_cannot_change_the_outcome_is_not_needed() -> None:
    # met when hotline OR campaigns; campaigns unknown, hotline true: met already, nothing to research.
    p = profile(prevention={"hotline": {"value": True}, "awareness_campaigns": UNKNOWN})
    assert plan_for(rule({"any": [HOTLINE, CAMPAIGNS]}), p) == {}
    # met when hotline AND campaigns with hotline false: not met whatever campaigns is.
    p = profile(prevention={"hotline": {"value": False}, "awareness_campaigns": UNKNOWN})
    assert plan_for(rule({"all": [HOTLINE, CAMPAIGNS]}), p) == {}


def test_a_deciding_fact_names_the_value_that_meets_and_the_outcomes_it_can_give() -> None:
    p = profile(prevention={"hotline": {"value": True}, "awareness_campaigns": UNKNOWN})
    needed = plan_for(rule({"all": [HOTLINE, CAMPAIGNS]}), p)
    entry = needed["prevention.awareness_campaigns"]
    assert entry.state == "unknown"
    assert entry.description and "official gazette" in entry.where_to_look
    (decision,) = entry.rules
    assert (decision.met_value, decision.met_when, decision.also_needed) == (True, "is true", [])
    assert decision.outcomes == ["met", "not_met"]


def test_absent_facts_are_needed_too_and_say_so() -> None:
    needed = plan_for(rule({"all": [HOTLINE, CAMPAIGNS]}), profile())
    assert {n.state for n in needed.values()} == {"absent"}
    # each decides alone (false makes it not met), and meeting it needs the other one as well
    assert needed["prevention.hotline"].rules[0].also_needed == ["prevention.awareness_campaigns"]
    assert needed["prevention.hotline"].rules[0].outcomes == ["not_met", "unknown"]


def test_also_needed_leaves_out_facts_of_branches_already_decided() -> None:
    # met when hotline and demand reduction and (campaigns or licensing); campaigns is true, so licensing
    # can change nothing: meeting the rule waits for demand reduction only.
    met = {
        "all": [
            HOTLINE,
            {"fact": "prevention.demand_reduction", "is": True},
            {"any": [CAMPAIGNS, {"fact": "prevention.agency_licensing", "is": True}]},
        ]
    }
    p = profile(prevention={"hotline": UNKNOWN, "demand_reduction": UNKNOWN, "awareness_campaigns": {"value": True}})
    (decision,) = plan_for(rule(met), p)["prevention.hotline"].rules
    assert decision.also_needed == ["prevention.demand_reduction"]


def test_facts_that_decide_only_together_are_listed_with_their_partner() -> None:
    # met when both, partially met when either: no single fact decides, the two together do.
    r = rule({"all": [HOTLINE, CAMPAIGNS]}, {"any": [HOTLINE, CAMPAIGNS]})
    p = profile(prevention={"hotline": UNKNOWN, "awareness_campaigns": UNKNOWN})
    finding = evaluate(r, p, DAY, CATALOGUE)
    assert all(decided(r, finding, p, DAY, path) is None for path in finding.missing)
    needed = plan_for(r, p)
    assert set(needed) == {"prevention.hotline", "prevention.awareness_campaigns"}
    assert needed["prevention.hotline"].rules[0].also_needed == ["prevention.awareness_campaigns"]
    assert needed["prevention.hotline"].rules[0].outcomes == ["met", "partially_met", "not_met"]


def test_a_fact_deciding_only_applicability_is_needed_and_cannot_make_it_met() -> None:
    r = rule(
        {"fact": "prevention.hotline", "is": True},
        applies_if={"fact": "memberships.eu", "is": True},
        not_applicable_reason="EU only",
    )
    p = profile(memberships={"eu": UNKNOWN}, prevention={"hotline": {"value": False}})
    (decision,) = plan_for(r, p)["memberships.eu"].rules
    assert decision.outcomes == ["not_met", "not_applicable"]
    assert decision.met_value is None and decision.met_when is None


@pytest.mark.parametrize(
    ("leaf", "expected"),
    [
        ({"fact": "protection.reflection_period_days", "gte": 30}, "is at least 30"),
        ({"fact": "offence.penalties.basic.max_years", "lte": 4}, "is at most 4"),
        ({"fact": "offence.means", "contains": ["force", "fraud"]}, "includes at least force, fraud"),
        # coercion is broader than force, so a list holding it counts as holding force (the taxonomy)
        ({"not": {"fact": "offence.means", "contains_any": ["force"]}}, "excludes force, coercion"),
        ({"fact": "offence.means_role", "in": ["constituent", "illustrative"]}, "is one of constituent, illustrative"),
    ],
)
def test_met_when_says_which_values_meet(leaf: dict[str, Any], expected: str) -> None:
    r = rule(leaf)
    path = next(iter(r.met.model_dump(exclude_none=True, by_alias=True).get("not", leaf).values()))
    p = profile()
    (decision,) = plan_for(r, p)[path].rules
    assert decision.met_when == expected
    assert decision.met_value in candidates(r, path)


def test_the_plan_is_ordered_by_the_most_severe_and_binding_rule_then_by_count() -> None:
    def r(rule_id: str, severity: str, obligation: str, path: str) -> Rule:
        return rule({"fact": path, "is": True}).model_copy(
            update={"id": rule_id, "severity": severity, "obligation": obligation}
        )

    rules = [
        r("a", "medium", "mandatory", "prevention.hotline"),
        r("b", "medium", "mandatory", "prevention.hotline"),
        r("c", "critical", "good-practice", "prevention.awareness_campaigns"),
        r("d", "critical", "mandatory", "prevention.agency_licensing"),
        r("e", "medium", "mandatory", "prevention.demand_reduction"),
    ]
    p = profile()
    needed = evidence_needed(p, rules, [evaluate(x, p, DAY, CATALOGUE) for x in rules], DAY)
    assert [n.fact for n in needed] == [
        "prevention.agency_licensing",  # critical, mandatory
        "prevention.awareness_campaigns",  # critical, good practice
        "prevention.hotline",  # medium, mandatory, two rules
        "prevention.demand_reduction",  # medium, mandatory, one rule
    ]


def set_fact(data: dict[str, Any], path: str, value: Any) -> None:
    *sections, name = path.split(".")
    for part in sections:
        data = data.setdefault(part, {})
    data[name] = {"value": value}


@pytest.mark.parametrize("as_of", ["2022-12-31", "2026-11-28"])
def test_on_kazakhstan_every_unknown_rule_is_planned_and_each_met_value_meets_it(session, as_of: str) -> None:
    """Independent of how the plan is computed: writing the proposed value into the profile meets the rule."""
    day = dt.date.fromisoformat(as_of)
    loaded = session.profiles.resolve("kazakhstan")
    audit = session.audit(loaded, session.rulebook.rules, day)
    unknown = {f.rule for f in audit.findings if f.status == "unknown"}
    assert unknown and {r.rule for n in audit.evidence_needed for r in n.rules} == unknown
    keys = [
        (min((SEVERITIES.index(r.severity), OBLIGATIONS.index(r.obligation)) for r in n.rules), -len(n.rules))
        for n in audit.evidence_needed
    ]
    assert keys == sorted(keys)
    checked = 0
    for n in audit.evidence_needed:
        assert n.fact in {m for f in audit.findings if f.status == "unknown" for m in f.missing}
        for r in n.rules:
            if r.met_value is None or r.also_needed:
                continue
            data = loaded.profile.model_dump(mode="json", exclude_none=True)
            set_fact(data, n.fact, r.met_value)
            changed = Profile.model_validate(data)
            assert evaluate(session.rulebook.get(r.rule), changed, day, session.rulebook.instruments).status == "met", (
                n.fact,
                r.rule,
            )
            checked += 1
    assert checked
