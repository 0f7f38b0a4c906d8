"""The fact walker shared by ``audit check`` and ``audit diff``: every recorded fact, with its dotted path."""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.load.loader import load_profile
from trafficking_audit.models.paths import fact_values, iter_facts

HERE = Path(__file__).resolve().parent
PROFILE = HERE.parent / "fixtures" / "check" / "positive" / "antarctica-fixture.yaml"


def test_iter_facts_yields_every_recorded_fact_as_a_history():
    facts = dict(iter_facts(load_profile(PROFILE).profile))
    assert set(facts) == {
        "memberships.eu",
        "treaties.untoc.status",
        "treaties.palermo-protocol.status",
        "treaties.cets-197.status",
        "offence.exists",
        "offence.means_role",
        "offence.consent_irrelevant",
    }
    assert [f.value for f in facts["offence.means_role"]] == ["aggravating_only", "constituent"]
    assert [f.value for f in facts["offence.exists"]] == [True]
    assert facts["offence.consent_irrelevant"][0].is_unknown


def test_every_walked_path_is_a_fact_path_of_the_rule_language():
    for path, _ in iter_facts(load_profile(PROFILE).profile):
        fact_values(path)  # raises PathError otherwise
