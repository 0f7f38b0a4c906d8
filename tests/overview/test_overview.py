"""The overview of ``audit run --all``: made one profile at a time from findings alone, it is the
overview of the complete audits; and the audits a session makes with its shared index of peers
are those ``build_audit`` makes from the peers' findings."""

from __future__ import annotations

import datetime as dt

from trafficking_audit.engine.audit import build_audit, findings_for
from trafficking_audit.engine.overview import assemble_overview, build_overview, entry_of_findings
from trafficking_audit.render import render

DAY = dt.date(2025, 6, 30)


def test_streamed_overview_is_the_overview_of_complete_audits(session) -> None:
    rules = session.rulebook.rules
    audits = [session.audit(loaded, rules, DAY) for loaded in session.profiles.all()]
    expected = build_overview(audits, rules, DAY, session.rulebook.version)
    entries = [
        entry_of_findings(item.profile, findings_for(item.profile, rules, DAY, session.rulebook.instruments), DAY)
        for item in session.profiles.each()
    ]
    streamed = assemble_overview(entries, rules, DAY, session.rulebook.version)
    assert streamed == expected
    assert render("json", streamed, kind="overview") == render("json", expected, kind="overview")


def test_run_all_prints_the_overview_of_complete_audits(cli, session) -> None:
    rules = session.rulebook.rules
    audits = [session.audit(loaded, rules, DAY) for loaded in session.profiles.all()]
    expected = render("json", build_overview(audits, rules, DAY, session.rulebook.version), kind="overview")
    result = cli("run", "--all", "--format", "json", "--as-of", DAY.isoformat())
    assert result.exit_code == 0
    assert result.stdout == expected


def test_session_audits_equal_audits_built_from_the_peers_findings(session) -> None:
    rules = session.rulebook.rules
    peers = session.peers(rules, DAY)
    for loaded in session.profiles.all():
        made = session.audit(loaded, rules, DAY)
        assert made == build_audit(
            loaded.profile, rules, DAY, session.rulebook.version, session.rulebook.instruments, peers
        )
