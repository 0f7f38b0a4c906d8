"""The element taxonomies: a broader element a law names satisfies a narrower one a rule asks for, never the reverse."""

from __future__ import annotations

import datetime as dt

import pytest

from trafficking_audit.engine.evaluate import Reading, truth
from trafficking_audit.models.elements import TAXONOMY, VOCABULARIES, covered, vocabulary_of, widen
from trafficking_audit.models.paths import fact_values
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Condition

DAY = dt.date(2025, 1, 1)


def profile(**offence: object) -> Profile:
    return Profile.model_validate(
        {
            "id": "t",
            "name": "T",
            "iso2": "TT",
            "iso3": "TTT",
            "last_reviewed": DAY,
            "offence": {name: {"value": value} for name, value in offence.items()},
        }
    )


def holds(condition: dict[str, object], p: Profile) -> bool | None:
    return truth(Condition.model_validate(condition), Reading(p, DAY))


@pytest.mark.parametrize("vocabulary", sorted(TAXONOMY))
def test_every_word_of_the_taxonomy_is_a_word_of_its_vocabulary(vocabulary: str) -> None:
    words = set(VOCABULARIES[vocabulary])
    for entry in TAXONOMY[vocabulary]:
        assert entry.broader in words
        assert set(entry.narrower) <= words
        assert entry.broader not in entry.narrower
        assert entry.basis.strip()


def test_the_vocabulary_fields_of_the_profile_are_recognised() -> None:
    for path, vocabulary in (("offence.means", "means"), ("offence.acts", "acts"), ("offence.purposes", "purposes")):
        kind, allowed = fact_values(path)
        assert kind == "list"
        assert vocabulary_of(allowed) == vocabulary
    assert vocabulary_of(fact_values("protection.assistance.services")[1]) is None


def test_coercion_covers_threat_and_force_but_not_the_reverse() -> None:
    assert {"threat", "force", "other_coercion"} <= covered("means", "coercion")
    assert "coercion" not in widen("means", ["threat", "force"])
    asked_force = {"fact": "offence.means", "contains": ["threat", "force"]}
    asked_coercion = {"fact": "offence.means", "contains": ["coercion"]}
    assert holds(asked_force, profile(means=["coercion", "deception"])) is True
    assert holds(asked_coercion, profile(means=["threat", "force"])) is False


def test_a_catch_all_satisfies_the_residual_means_only() -> None:
    catch_all = profile(means=["deception", "other_improper_means"])
    assert holds({"fact": "offence.means", "contains": ["other_coercion"]}, catch_all) is True
    assert holds({"fact": "offence.means", "contains_any": ["force", "threat", "fraud"]}, catch_all) is False


def test_is_compares_the_list_as_written_without_widening() -> None:
    p = profile(means=["coercion"])
    assert holds({"fact": "offence.means", "is": ["coercion"]}, p) is True
    assert holds({"fact": "offence.means", "contains": ["force"]}, p) is True


def test_forced_labour_covers_begging_in_the_purposes() -> None:
    p = profile(purposes=["sexual_exploitation", "forced_labour"])
    assert holds({"fact": "offence.purposes", "contains": ["begging"]}, p) is True
    assert holds({"fact": "offence.purposes", "contains": ["forced_labour"]}, profile(purposes=["begging"])) is False
