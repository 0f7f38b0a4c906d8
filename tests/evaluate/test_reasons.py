"""Reasons computed from conditions: what a gap lacks, and which unknown facts would decide an unknown finding."""

from __future__ import annotations

import datetime as dt

import pytest

from trafficking_audit.app.session import Session
from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.models.profile import Profile

DAY = dt.date(2025, 1, 1)


def profile(offence: dict[str, object]) -> Profile:
    return Profile.model_validate(
        {"id": "t", "name": "T", "iso2": "TT", "iso3": "TTT", "last_reviewed": DAY, "offence": offence}
    )


def test_missing_purposes_are_named_with_the_provision(session: Session) -> None:
    rule = session.rulebook.get("purposes-complete")
    p = profile(
        {
            "purposes": {
                "value": ["sexual_exploitation", "forced_labour", "organ_removal"],
                "provision": "Criminal Code Art. 128",
            }
        }
    )
    finding = evaluate(rule, p, DAY, session.rulebook.instruments)
    assert finding.status == "partially_met"
    assert finding.reason == "slavery and servitude are not among the purposes of Criminal Code Art. 128"
    assert finding.missing_elements == ["slavery", "servitude"]


def test_a_failing_scalar_is_named_with_its_value_and_what_the_rule_asks(session: Session) -> None:
    rule = session.rulebook.get("means-core-elements")
    p = profile({"means_role": {"value": "aggravating_only"}, "means": {"value": ["force", "threat", "fraud"]}})
    finding = evaluate(rule, p, DAY, session.rulebook.instruments)
    assert finding.status == "not_met"
    assert finding.reason == "offence.means_role is aggravating only, not constituent"
    assert finding.missing_elements == []


def test_without_a_provision_the_fact_path_is_named(session: Session) -> None:
    rule = session.rulebook.get("means-core-elements")
    p = profile({"means_role": {"value": "constituent"}, "means": {"value": ["force", "abduction"]}})
    finding = evaluate(rule, p, DAY, session.rulebook.instruments)
    assert finding.status == "partially_met"
    assert finding.reason == (
        "threat is not among the means recorded in offence.means; "
        "none of fraud or deception is among the means recorded in offence.means"
    )
    assert finding.missing_elements == ["threat", "fraud", "deception"]


def test_unknown_names_only_the_facts_that_decide(session: Session) -> None:
    rule = session.rulebook.get("means-core-elements")
    # The role is unknown; the means are known and complete, so only the role decides.
    finding = evaluate(
        rule, profile({"means": {"value": ["force", "threat", "fraud"]}}), DAY, session.rulebook.instruments
    )
    assert finding.status == "unknown"
    assert finding.reason == "facts needed to decide are unknown: offence.means_role"
    # A known false part decides by itself: nothing unknown is named, the outcome is not met.
    finding = evaluate(rule, profile({"means_role": {"value": "not_covered"}}), DAY, session.rulebook.instruments)
    assert finding.status == "not_met"
    assert finding.reason == "offence.means_role is not covered, not constituent"


def _findings(session: Session):
    for loaded in session.profiles.all():
        for day in (dt.date(2022, 12, 31), dt.date(2026, 11, 28)):
            if loaded.profile.history_from is not None and day < loaded.profile.history_from:
                continue
            for rule in session.rulebook.rules:
                yield loaded.profile.id, day, evaluate(rule, loaded.profile, day, session.rulebook.instruments)


def test_every_gap_in_every_bundled_profile_has_a_reason(session: Session) -> None:
    gaps = 0
    for jurisdiction, day, finding in _findings(session):
        if finding.status in ("partially_met", "not_met"):
            gaps += 1
            assert finding.reason, f"{jurisdiction} {day} {finding.rule}: {finding.status} without a reason"
    assert gaps > 20  # the bundled data has gaps: the loop above must have checked some


def test_every_unknown_in_every_bundled_profile_names_missing_facts(session: Session) -> None:
    for jurisdiction, day, finding in _findings(session):
        if finding.status != "unknown":
            continue
        assert finding.reason, f"{jurisdiction} {day} {finding.rule}"
        named = finding.reason.rsplit(": ", 1)[-1].split(", ")
        assert named and set(named) <= set(finding.missing), f"{jurisdiction} {day} {finding.rule}: {named}"


@pytest.mark.parametrize("jurisdiction", ["sweden", "qatar"])
def test_sweden_and_qatar_meet_means_core_elements_from_their_texts(session: Session, jurisdiction: str) -> None:
    loaded = session.profiles.resolve(jurisdiction)
    finding = evaluate(
        session.rulebook.get("means-core-elements"), loaded.profile, dt.date(2026, 11, 28), session.rulebook.instruments
    )
    assert finding.status == "met"
    means = next(e for e in finding.evidence if e.fact == "offence.means")
    assert means.note and "element" in means.note


def test_kazakhstan_means_core_elements_still_not_met_in_2022(session: Session) -> None:
    loaded = session.profiles.resolve("kazakhstan")
    finding = evaluate(
        session.rulebook.get("means-core-elements"), loaded.profile, dt.date(2022, 12, 31), session.rulebook.instruments
    )
    assert finding.status == "not_met"
    assert finding.obligation == "should"
