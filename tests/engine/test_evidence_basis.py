"""Every piece of evidence says how it was established, and each report counts its facts by basis."""

from __future__ import annotations

import datetime as dt

import pytest

from trafficking_audit.engine.audit import BASES, build_audit, evidence_basis
from trafficking_audit.models.facts import select
from trafficking_audit.models.paths import read
from trafficking_audit.models.result import Audit
from trafficking_audit.models.result_base import Evidence

DAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def kazakhstan(session) -> Audit:
    loaded = next(item for item in session.profiles.each() if item.profile.id == "kazakhstan")
    book = session.rulebook
    return build_audit(loaded.profile, book.rules, DAY, book.version, book.instruments)


def test_evidence_carries_the_basis_of_its_fact(session, kazakhstan: Audit) -> None:
    profile = next(item.profile for item in session.profiles.each() if item.profile.id == "kazakhstan")
    evidence = {e.fact: e for f in kazakhstan.findings for e in f.evidence}
    for path, e in evidence.items():
        fact = select(read(profile, path), DAY)
        assert fact is not None and e.basis == fact.basis, path
    assert "text" in {e.basis for e in evidence.values()}
    assert sum(kazakhstan.evidence_basis.values()) == len(evidence)
    assert list(kazakhstan.evidence_basis) == [b for b in BASES if b in kazakhstan.evidence_basis]


def test_the_count_is_of_distinct_facts_and_names_missing_bases(kazakhstan: Audit) -> None:
    first, second = kazakhstan.findings[:2]
    one = Evidence(fact="a.b", value=True, basis="secondary")
    other = Evidence(fact="c.d", value=True)
    findings = [first.model_copy(update={"evidence": [one, other]}), second.model_copy(update={"evidence": [one]})]
    assert evidence_basis(findings) == {"secondary": 1, "none": 1}


def test_reports_show_the_basis(cli) -> None:
    md = cli("run", "kazakhstan", "--format", "md", "--as-of", DAY.isoformat()).stdout
    assert "| Fact | Value | Provision | Sources | Basis | Valid |" in md
    assert "The findings rest on " in md and "read in the provision's text" in md
    html = cli("run", "kazakhstan", "--format", "html", "--as-of", DAY.isoformat()).stdout
    assert '<th scope="col">Basis</th>' in html
