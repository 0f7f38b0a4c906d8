"""In another language the peers a recommendation names are named as the audited jurisdiction is: by their
ISO 3166 name in that language (a Russian report said «Казахстан» but "Qatar", "Portugal")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trafficking_audit.app.session import Session
from trafficking_audit.models.language import Language

ROOT = Path(__file__).resolve().parent.parent.parent
DAY = dt.date(2026, 11, 28)


def test_peers_are_named_in_the_report_language(monkeypatch) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    russian = Language("ru")
    session = Session.open(ROOT, lang=russian)
    profiles = {loaded.profile.id: loaded.profile for loaded in session.profiles.all()}
    audit = session.audit(session.profiles.resolve("kazakhstan"), session.rulebook.rules, DAY)
    peers = [peer for finding in audit.findings if finding.recommendation for peer in finding.recommendation.peers]
    assert peers, "Kazakhstan's recommendations name no peer: the test checks nothing"
    for peer in peers:
        profile = profiles[peer.id]
        assert peer.name == russian.country(profile.iso2, profile.name)
    assert any(peer.name != profiles[peer.id].name for peer in peers)  # translated, not the English name
