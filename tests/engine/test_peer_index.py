"""A peer index made on demand (engine/recommend.PeerIndex.on_demand) holds what the index made from every
peer's findings holds, evaluates only the rules asked for, and gives sessions the same audits with the caches off
(the on-demand path) as with them on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trafficking_audit.app.session import Session
from trafficking_audit.engine.audit import build_audit, findings_for
from trafficking_audit.engine.recommend import PeerIndex
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding
from trafficking_audit.models.rule import Rule

DAY = dt.date(2026, 11, 28)


def _parts(session: Session) -> tuple[dict[str, Profile], list[Rule], Any]:
    peers = {loaded.profile.id: loaded.profile for loaded in session.profiles.all()}
    rules = list(session.rulebook.rules)
    instruments = session.rulebook.instruments
    return peers, rules, instruments


def test_on_demand_holds_what_the_full_index_holds(session: Session) -> None:
    peers, rules, instruments = _parts(session)
    full = PeerIndex({pid: (p, findings_for(p, rules, DAY, instruments)) for pid, p in peers.items()})
    calls: list[tuple[str, str]] = []

    def finding(profile: Profile, rule: Rule) -> Finding:
        calls.append((profile.id, rule.id))
        return findings_for(profile, [rule], DAY, instruments)[0]

    lazy = PeerIndex.on_demand(peers, [*rules, rules[0]], finding)  # a repeated rule counts once
    asked = [rules[3].id, rules[10].id, rules[3].id, "no-such-rule"]
    for rule_id in asked:
        assert lazy.peers_for(rule_id, "kazakhstan") == full.peers_for(rule_id, "kazakhstan")
    assert len(calls) == 2 * len(peers)  # two rules asked for, each peer evaluated once on each
    assert lazy.meeting == full.meeting
    assert list(lazy.meeting) == list(full.meeting)  # the peer cache stores it: same order too
    assert any(lazy.meeting.values())


def test_a_session_with_the_caches_off_makes_the_same_audits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    from tests.conftest import ROOT

    lazy = Session.open(ROOT)
    rules = lazy.rulebook.rules
    eager = Session.open(ROOT)
    peers = eager.peers(rules, DAY)
    named = 0
    for loaded in lazy.profiles.all():
        made = lazy.audit(loaded, rules, DAY)
        named += sum(len(r.peers) for r in made.recommendations)
        expected = build_audit(
            loaded.profile, rules, DAY, eager.rulebook.version, eager.rulebook.instruments, peers
        ).model_copy(update={"data_quality": lazy.data_quality(loaded)})
        assert made == expected
    assert named > 0  # the recommendations name peers
