"""The overview of ``audit run --all``: made one profile at a time from findings alone, it is the
overview of the complete audits; and the audits a session makes with its shared index of peers
are those ``build_audit`` makes from the peers' findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trafficking_audit.engine.audit import build_audit, findings_for
from trafficking_audit.engine.overview import assemble_overview, build_overview, entry_of_findings, score_history
from trafficking_audit.models.result import Audit
from trafficking_audit.render import render

DAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def audits(session) -> list[Audit]:
    """The session's audit of every bundled profile on DAY, made once for this module's tests (frozen models)."""
    return [session.audit(loaded, session.rulebook.rules, DAY) for loaded in session.profiles.all()]


def test_streamed_overview_is_the_overview_of_complete_audits(session, audits: list[Audit]) -> None:
    rules = session.rulebook.rules
    histories = {
        item.profile.id: score_history(item.profile, rules, DAY, session.rulebook.instruments)
        for item in session.profiles.each()
    }
    expected = build_overview(audits, rules, DAY, session.rulebook.version, histories)
    entries = [
        entry_of_findings(
            item.profile,
            findings_for(item.profile, rules, DAY, session.rulebook.instruments),
            DAY,
            histories[item.profile.id],
        )
        for item in session.profiles.each()
    ]
    streamed = assemble_overview(entries, rules, DAY, session.rulebook.version)
    assert streamed == expected
    assert render("json", streamed, kind="overview") == render("json", expected, kind="overview")


def test_run_all_prints_the_overview_of_complete_audits(cli, session, audits: list[Audit]) -> None:
    rules = session.rulebook.rules
    # The JSON overview carries no score history (only the HTML and Markdown overviews draw it).
    expected = render("json", build_overview(audits, rules, DAY, session.rulebook.version), kind="overview")
    result = cli("run", "--all", "--format", "json", "--as-of", DAY.isoformat())
    assert result.exit_code == 0
    assert result.stdout == expected


def test_run_all_markdown_overview_draws_the_score_history(cli) -> None:
    result = cli("run", "--all", "--format", "md", "--as-of", DAY.isoformat())
    assert result.exit_code == 0
    assert "(2019) →" in result.stdout  # Kazakhstan's history starts on 2019-01-01


def test_session_audits_equal_audits_built_from_the_peers_findings(session, audits: list[Audit]) -> None:
    rules = session.rulebook.rules
    peers = session.peers(rules, DAY)
    for loaded, made in zip(session.profiles.all(), audits, strict=True):
        assert made == build_audit(
            loaded.profile, rules, DAY, session.rulebook.version, session.rulebook.instruments, peers
        )


def test_score_history_is_yearly_from_the_start_of_the_profile_history(session) -> None:
    kazakhstan = next(item.profile for item in session.profiles.each() if item.profile.id == "kazakhstan")
    assert kazakhstan.history_from == dt.date(2019, 1, 1)
    history = score_history(kazakhstan, session.rulebook.rules, DAY, session.rulebook.instruments)
    assert [h.date for h in history] == [dt.date(y, 1, 1) for y in range(2019, 2026)] + [DAY]
    assert (
        history[-1].overall
        == build_audit(kazakhstan, session.rulebook.rules, DAY, "x", session.rulebook.instruments, {}).scores.overall
    )


def test_score_history_never_samples_before_the_profile_history(session) -> None:
    kazakhstan = next(item.profile for item in session.profiles.each() if item.profile.id == "kazakhstan")
    early = dt.date(2018, 6, 1)
    assert [h.date for h in score_history(kazakhstan, session.rulebook.rules, early, session.rulebook.instruments)] == [
        early
    ]
    undated = kazakhstan.model_copy(update={"history_from": None})
    # Without history_from, the first dated fact starts the history: still only dates on or after it.
    first = min(h.date for h in score_history(undated, session.rulebook.rules, DAY, session.rulebook.instruments))
    assert first.month == 1 and first.day == 1 or first == DAY


def test_overview_html_draws_one_sparkline_per_jurisdiction(bundled_reports: tuple[Path, str, str]) -> None:
    out = bundled_reports[0]  # `run --all --output-dir` on the bundled data, on the committed reports' date
    page = (out / "index.html").read_text()
    rows = page.count('<tr><th scope="row">') // 2  # the score table and the matrix have one row each
    profiles = len(list((Path(__file__).resolve().parents[2] / "jurisdictions").glob("*.yaml")))
    assert page.count('<svg class="sparkline"') == rows == profiles
    # A thin profile draws its range and no line: no point score is shown where the evidence is too thin.
    assert "evidence too thin for a point score on any date" in page
    assert "range only" in (out / "index.md").read_text()
    spark = page.split('<svg class="sparkline"', 1)[1].split("</svg>", 1)[0]
    assert "href" not in spark and "src=" not in spark and "<script" not in spark
