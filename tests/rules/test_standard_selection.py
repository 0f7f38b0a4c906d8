"""`audit run --standard`: an audit against one instrument runs only the rules citing it."""

from __future__ import annotations

import json


def test_run_against_cets_197_audits_only_rules_citing_it(cli, session) -> None:
    result = cli("run", "kazakhstan", "--standard", "cets-197", "--format", "json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    audited = [finding["rule"] for finding in findings]
    citing = [r.id for r in session.rulebook.rules if any(c.instrument == "cets-197" for c in r.citations)]
    assert audited == citing
    assert 0 < len(citing) < len(session.rulebook.rules)
    assert all(any(c["instrument"] == "cets-197" for c in f["citations"]) for f in findings)
