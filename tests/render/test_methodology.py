"""Every report has a methodology and limitations section naming the rulebook, review date and history_from."""

from __future__ import annotations

import datetime as dt

import pytest

from trafficking_audit.render import render


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_each_report_says_what_the_score_is_and_is_not(session, fmt: str) -> None:
    loaded = session.profiles.resolve("kazakhstan")
    audit = session.audit(loaded, session.rulebook.rules, dt.date(2026, 11, 28))
    text = " ".join(render(fmt, audit, width=200).split())
    assert "Methodology and limitations" in text
    assert "What it is not: an official tier or ranking" in text
    assert "not missing at random" in text and "50%" in text
    assert f"Rulebook version {audit.rulebook_version}" in text
    assert f"last reviewed {audit.jurisdiction.last_reviewed}" in text
    assert "describe the law from 2019-01-01" in text


def test_the_json_report_carries_history_from(session) -> None:
    loaded = session.profiles.resolve("kazakhstan")
    audit = session.audit(loaded, session.rulebook.rules, dt.date(2026, 11, 28))
    assert render("json", audit).count('"history_from": "2019-01-01"') == 1
