"""The engine: three-valued logic, unknown vs no, not applicable, as-of selection, obligations."""

from __future__ import annotations

import datetime as dt
from itertools import product
from pathlib import Path

import pytest

from trafficking_audit.engine.evaluate import Reading, apply_operator, evaluate, truth
from trafficking_audit.load.loader import load_profile, load_rulebook
from trafficking_audit.models.facts import Fact, select
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Condition

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
BOOK = load_rulebook(DATA / "rules")
RURITANIA = load_profile(DATA / "jurisdictions" / "ruritania.yaml").profile
FREEDONIA = load_profile(DATA / "jurisdictions" / "freedonia.yaml").profile


def profile(**sections: object) -> Profile:
    return Profile.model_validate(
        {"id": "t", "name": "T", "iso2": "TT", "iso3": "TTT", "last_reviewed": dt.date(2025, 1, 1), **sections}
    )


# Truth values: hotline true / false / unknown drive a leaf to T / F / U.
LEAF = {True: {"value": True}, False: {"value": False}, None: {"value": "unknown"}}


def leaf(path: str) -> dict[str, object]:
    return {"fact": path, "is": True}


@pytest.mark.parametrize(("a", "b"), list(product([True, False, None], repeat=2)))
def test_kleene_all_any_not(a: bool | None, b: bool | None) -> None:
    p = profile(prevention={"hotline": LEAF[a], "awareness_campaigns": LEAF[b]})
    reading = Reading(p, dt.date(2025, 1, 1))
    both = Condition.model_validate({"all": [leaf("prevention.hotline"), leaf("prevention.awareness_campaigns")]})
    either = Condition.model_validate({"any": [leaf("prevention.hotline"), leaf("prevention.awareness_campaigns")]})
    negated = Condition.model_validate({"not": leaf("prevention.hotline")})
    expected_all = False if False in (a, b) else (None if None in (a, b) else True)
    expected_any = True if True in (a, b) else (None if None in (a, b) else False)
    assert truth(both, reading) is expected_all
    assert truth(either, reading) is expected_any
    assert truth(negated, reading) is (None if a is None else not a)


def test_absent_and_explicit_unknown_are_both_unknown_never_false() -> None:
    rule = BOOK.get("reflection-period-30d")
    for facts in ({}, {"reflection_period_days": {"value": "unknown"}}):
        finding = evaluate(rule, profile(protection=facts), dt.date(2025, 1, 1), BOOK.instruments)
        assert finding.status == "unknown"
        assert finding.missing == ["protection.reflection_period_days"]
        assert finding.evidence == []


def test_partially_met_and_not_met() -> None:
    rule = BOOK.get("reflection-period-30d")
    assert (
        evaluate(
            rule, profile(protection={"reflection_period_days": {"value": 10}}), dt.date(2025, 1, 1), BOOK.instruments
        ).status
        == "partially_met"
    )
    assert (
        evaluate(
            rule, profile(protection={"reflection_period_days": {"value": 0}}), dt.date(2025, 1, 1), BOOK.instruments
        ).status
        == "not_met"
    )


def test_not_applicable_carries_its_reason() -> None:
    finding = evaluate(BOOK.get("eu-only"), RURITANIA, dt.date(2025, 1, 1), BOOK.instruments)
    assert finding.status == "not_applicable"
    assert finding.reason == "the jurisdiction is not an EU Member State"
    assert evaluate(BOOK.get("eu-only"), FREEDONIA, dt.date(2025, 1, 1), BOOK.instruments).status == "not_met"


def test_as_of_selects_the_value_that_held() -> None:
    rule = BOOK.get("means-core-elements")
    before = evaluate(rule, RURITANIA, dt.date(2023, 12, 31), BOOK.instruments)
    after = evaluate(rule, RURITANIA, dt.date(2024, 1, 1), BOOK.instruments)
    assert before.status == "not_met"
    assert after.status == "met"
    role = next(e for e in before.evidence if e.fact == "offence.means_role")
    assert role.value == "aggravating_only"
    assert role.provision == "Criminal Code Art. 128"
    assert role.sources == ["code"]
    assert role.valid_to == dt.date(2023, 12, 31)


def test_no_value_covering_the_date_is_unknown() -> None:
    p = profile(
        institutions={"national_action_plan": [{"value": True, "valid_from": "2021-01-01", "valid_to": "2023-12-31"}]}
    )
    rule_met = Condition.model_validate({"fact": "institutions.national_action_plan", "is": True})
    assert truth(rule_met, Reading(p, dt.date(2022, 6, 1))) is True
    assert truth(rule_met, Reading(p, dt.date(2024, 6, 1))) is None
    assert truth(rule_met, Reading(p, dt.date(2020, 6, 1))) is None


def test_overlapping_values_take_the_latest_start() -> None:
    facts = [Fact[int](value=1, valid_from=dt.date(2020, 1, 1)), Fact[int](value=2, valid_from=dt.date(2022, 1, 1))]
    assert select(facts, dt.date(2023, 1, 1)).value == 2
    assert select(facts, dt.date(2021, 1, 1)).value == 1
    assert select(None, dt.date(2021, 1, 1)) is None


def test_obligation_falls_to_good_practice_when_not_bound() -> None:
    rule = BOOK.get("reflection-period-30d")
    bound = evaluate(rule, FREEDONIA, dt.date(2025, 1, 1), BOOK.instruments)
    unbound = evaluate(rule, RURITANIA, dt.date(2025, 1, 1), BOOK.instruments)
    assert (bound.obligation, bound.binding) == ("mandatory", True)
    assert (unbound.obligation, unbound.binding) == ("good-practice", False)


def test_treaty_status_over_time() -> None:
    rule = BOOK.get("ratification-core")
    assert evaluate(rule, RURITANIA, dt.date(2019, 6, 1), BOOK.instruments).status == "not_met"
    assert evaluate(rule, RURITANIA, dt.date(2020, 6, 1), BOOK.instruments).status == "met"


@pytest.mark.parametrize(
    ("op", "value", "operand", "expected"),
    [
        ("is", "a", "a", True),
        ("is_not", "a", "a", False),
        ("in", "a", ["a", "b"], True),
        ("gte", 4, 4, True),
        ("gte", 3.5, 4, False),
        ("lte", 3, 4, True),
        ("contains", ["a", "b"], ["a", "b"], True),
        ("contains", ["a"], ["a", "b"], False),
        ("contains_any", ["a"], ["b", "a"], True),
        ("contains_any", [], ["a"], False),
    ],
)
def test_operators(op: str, value: object, operand: object, expected: bool) -> None:
    assert apply_operator(op, value, operand) is expected


def test_unknown_says_when_partially_met_is_established() -> None:
    rule = BOOK.get("means-core-elements")
    p = profile(offence={"means_role": {"value": "constituent"}, "means": {"value": "unknown"}})
    finding = evaluate(rule, p, dt.date(2025, 1, 1), BOOK.instruments)
    assert finding.status == "unknown"
    assert finding.reason.startswith("at least partially met")
    assert finding.missing == ["offence.means"]
