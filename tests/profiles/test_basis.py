"""Every known fact of every bundled profile says how it was established (`basis`).

A fact without a basis cannot be weighed: a reader cannot tell a statute read in its official wording from
a line in a news report. Unknowns carry no basis (nothing was established), so they are left out.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from trafficking_audit.app.session import Session
from trafficking_audit.models.paths import iter_facts

PROFILES = [loaded.profile for loaded in Session.open(ROOT).profiles.all()]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.id for p in PROFILES])
def test_every_known_fact_has_a_basis(profile) -> None:
    missing = [
        f"{path}[{i}]"
        for path, facts in iter_facts(profile)
        for i, fact in enumerate(facts)
        if not fact.is_unknown and fact.basis is None
    ]
    assert missing == []


@pytest.mark.parametrize("profile", PROFILES, ids=[p.id for p in PROFILES])
def test_a_text_basis_rests_on_a_cited_source(profile) -> None:
    """`text` means a provision was read: the fact must cite the document that was read."""
    unsourced = [
        path for path, facts in iter_facts(profile) for fact in facts if fact.basis == "text" and not fact.sources
    ]
    assert unsourced == []
