"""Obligations bind by date (engine/binding.py): provisions that did not exist are left out, a treaty binds from
its entry into force for the state, EU law binds a Member State from the deadline of the text's own directive."""

from __future__ import annotations

import datetime as dt

from trafficking_audit.engine.evaluate import evaluate


def finding(session, jurisdiction: str, rule: str, day: dt.date):
    profile = session.profiles.resolve(jurisdiction).profile
    return evaluate(session.rulebook.get(rule), profile, day, session.rulebook.instruments)


def test_before_an_instrument_existed_the_rule_is_not_applicable(session) -> None:
    found = finding(session, "portugal", "aggravating-ict", dt.date(2020, 6, 30))
    assert (found.status, found.obligation) == ("not_applicable", "good-practice")
    assert found.reason == "no cited standard existed on 2020-06-30"
    assert found.binding_citations == []


def test_an_eu_member_before_the_deadline_is_not_bound(session) -> None:
    found = finding(session, "portugal", "aggravating-ict", dt.date(2025, 6, 30))
    assert found.status != "not_applicable"  # Directive (EU) 2024/1712 is in force since 2024-07-14
    assert (found.obligation, found.binding_citations) == ("good-practice", [])


def test_after_the_deadline_it_binds_the_member(session) -> None:
    found = finding(session, "portugal", "aggravating-ict", dt.date(2026, 12, 1))
    assert found.obligation == "mandatory"
    (cited,) = found.binding_citations
    assert (cited.article, cited.inserted_by) == ("4(3)(b)", "eu-directive-2024-1712")
    assert "EU Member State" in cited.because and "2026-07-15" in cited.because


def test_a_treaty_ratified_before_but_in_force_after_the_date_does_not_bind(session) -> None:
    # Portugal deposited its P029 ratification on 2020-12-23; the Protocol entered into force for it on 2021-12-23.
    before = finding(session, "portugal", "assistance-package", dt.date(2021, 6, 30))
    after = finding(session, "portugal", "assistance-package", dt.date(2022, 6, 30))
    assert "ilo-p029" not in {c.instrument for c in before.binding_citations}
    assert "ilo-p029" in {c.instrument for c in after.binding_citations}


def test_compensation_binds_every_palermo_and_untoc_party(session) -> None:
    found = finding(session, "kazakhstan", "compensation", dt.date(2026, 11, 28))
    assert found.obligation == "mandatory"
    cited = {(c.instrument, c.article) for c in found.binding_citations}
    assert {("palermo-protocol", "6(6)"), ("untoc", "25(2)")} <= cited
    assert not any(c.instrument in ("cets-197", "eu-directive-2011-36") for c in found.binding_citations)


def test_a_reservation_to_the_cited_provision_keeps_it_from_binding(session) -> None:
    # Portugal reserved CETS 197 Art. 31(1)(d)-(e) (jurisdiction over nationals abroad and over offences against
    # nationals), as Art. 31(2) permits: those citations no longer bind it, and the basis says why.
    found = finding(session, "portugal", "passive-nationality-jurisdiction", dt.date(2026, 11, 28))
    assert ("cets-197", "31(1)(e)") not in {(c.instrument, c.article) for c in found.binding_citations}
    assert "does not bind Portugal: reservation to it" in found.obligation_basis
    # CETS 31(1)(d) is reserved too, but EU Art. 10(1)(b) still makes nationality jurisdiction mandatory.
    active = finding(session, "portugal", "extraterritorial-nationality", dt.date(2026, 11, 28))
    assert ("cets-197", "31(1)(d)") not in {(c.instrument, c.article) for c in active.binding_citations}
    assert active.obligation == "mandatory"


def test_a_reservation_to_part_of_the_cited_text_leaves_it_binding(session) -> None:
    # Qatar's reservation to Palermo 6(3)(d) does not reach a citation of the whole of 6(3).
    found = finding(session, "qatar", "assistance-package", dt.date(2026, 11, 28))
    assert ("palermo-protocol", "6(3)") in {(c.instrument, c.article) for c in found.binding_citations}
