"""`audit trend`: change points, yearly sampling, the changes and their facts, and every format."""

from __future__ import annotations

import datetime as dt
import json
import re

from trafficking_audit.engine.trend import change_points, fact_dates, first_date, yearly_points
from trafficking_audit.models.facts import Fact
from trafficking_audit.models.profile import Profile

D = dt.date


def profile_with(**offence) -> Profile:
    """A minimal profile whose offence facts are given (by field name)."""
    return Profile.model_validate(
        {"id": "x", "name": "X", "iso2": "XX", "iso3": "XXX", "last_reviewed": "2025-01-01", "offence": offence}
    )


def test_a_value_ending_and_another_starting_the_same_day_give_one_point() -> None:
    profile = profile_with(
        exists=[
            {"value": False, "valid_to": "2020-06-30"},
            {"value": True, "valid_from": "2020-07-01"},
        ]
    )
    assert fact_dates(profile) == {D(2020, 7, 1)}
    assert change_points(fact_dates(profile), D(2019, 1, 1), D(2021, 1, 1)) == [
        D(2019, 1, 1),
        D(2020, 7, 1),
        D(2021, 1, 1),
    ]


def test_open_ended_and_undated_facts_add_no_point() -> None:
    profile = profile_with(exists={"value": True}, means_role={"value": "constituent", "valid_from": "2018-03-01"})
    assert fact_dates(profile) == {D(2018, 3, 1)}
    # a start before the range is not a point inside it; the range's own ends always are
    assert change_points(fact_dates(profile), D(2019, 1, 1), D(2019, 12, 31)) == [D(2019, 1, 1), D(2019, 12, 31)]


def test_a_value_ending_adds_the_day_after() -> None:
    profile = profile_with(exists={"value": True, "valid_to": "2022-02-28"})
    assert fact_dates(profile) == {D(2022, 3, 1)}


def test_default_start_is_history_from_else_first_dated_fact() -> None:
    assert first_date(profile_with(exists={"value": True, "valid_from": "2017-05-02"})) == D(2017, 5, 2)
    assert first_date(profile_with(exists={"value": True})) is None
    dated = profile_with(exists={"value": True, "valid_from": "2017-05-02"}).model_copy(
        update={"history_from": D(2019, 1, 1)}
    )
    assert first_date(dated) == D(2019, 1, 1)
    assert isinstance(dated.offence.exists, Fact)


def test_yearly_points_are_each_first_of_january_in_the_range() -> None:
    assert yearly_points(D(2019, 1, 1), D(2021, 6, 1)) == [D(2019, 1, 1), D(2020, 1, 1), D(2021, 1, 1)]
    assert yearly_points(D(2019, 3, 1), D(2020, 6, 1)) == [D(2020, 1, 1)]


def test_kazakhstan_trend_json(cli) -> None:
    result = cli("trend", "kazakhstan", "--to", "2026-12-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    trend = json.loads(result.stdout)
    dates = [p["date"] for p in trend["points"]]
    assert trend["from"] == dates[0] == "2019-01-01" and trend["to"] == dates[-1] == "2026-12-01"
    assert dates == sorted(set(dates))
    law = [c for c in trend["changes"] if c["rule"] == "specialised-law"]
    assert len(law) == 1 and law[0]["date"] == "2024-09-05"
    assert (law[0]["from"], law[0]["to"]) == ("not_met", "met")
    assert any("110-VIII" in (f["right"] or {}).get("provision", "") for f in law[0]["facts"])
    # every change is a real difference between consecutive points
    by_date = {p["date"]: p["outcomes"] for p in trend["points"]}
    for change in trend["changes"]:
        previous = dates[dates.index(change["date"]) - 1]
        assert (
            by_date[previous][change["rule"]]
            == change["from"]
            != change["to"]
            == by_date[change["date"]][change["rule"]]
        )


def test_every_year(cli) -> None:
    result = cli("trend", "kz", "--every", "year", "--to", "2026-12-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    dates = [p["date"] for p in json.loads(result.stdout)["points"]]
    assert dates == [f"{y}-01-01" for y in range(2019, 2027)]


def test_html_chart_has_a_point_per_date_and_nothing_external(cli, tmp_path) -> None:
    out = tmp_path / "t.html"
    result = cli("trend", "kazakhstan", "--to", "2026-12-01", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    trend = json.loads(cli("trend", "kazakhstan", "--to", "2026-12-01", "--format", "json").stdout)
    overall = page.split('<g class="series">')[1].split("</g>\n</g>")[0] + "</g>"
    # A point is drawn where the overall score may be headlined (evidence coverage high enough); see the chart.
    headlined = [p for p in trend["points"] if p["scores"]["overall"]["sufficient"]]
    assert len(headlined) > 0 and overall.count('<g class="point">') == len(headlined)
    assert "<script" not in page
    assert not re.search(r'(src|href)="(?!#)(?!https?://)[^"]*"', page.split("<main>")[0])
    assert not re.search(r'\ssrc="', page)


def test_terminal_and_markdown(cli) -> None:
    terminal = cli("trend", "kz", "--to", "2026-12-01")
    assert terminal.exit_code == 0 and "specialised-law" in terminal.stdout and "Changes" in terminal.stdout
    markdown = cli("trend", "kz", "--to", "2026-12-01", "--format", "md")
    assert markdown.exit_code == 0 and "## Outcomes by date" in markdown.stdout
    assert "| `specialised-law` |" in markdown.stdout


def test_bad_options_are_usage_errors(cli) -> None:
    assert cli("trend", "kz", "--every", "month").exit_code == 2
    assert cli("trend", "kz", "--from", "2025-01-01", "--to", "2024-01-01").exit_code == 2
    assert cli("trend", "kz", "--from", "01/01/2020").exit_code == 2
    assert cli("trend", "nowhere").exit_code == 2


def test_run_report_has_statistics_and_tiers(cli) -> None:
    report = json.loads(cli("run", "kazakhstan", "--format", "json").stdout)
    assert report["tip_tiers"] and all("report_year" in t and "tier" in t for t in report["tip_tiers"])
    seed = [s for s in report["statistics"] if "seed paper" in s["counting_basis"]]
    assert [(p["year"], p["value"]) for p in seed[0]["points"]] == [(2019, 182), (2020, 111), (2021, 103)]
    assert all(s["sources"] for s in report["statistics"])


def test_html_report_draws_the_statistics(cli, tmp_path) -> None:
    out = tmp_path / "kz.html"
    assert cli("run", "kazakhstan", "--output", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    section = page.split('<section aria-labelledby="context">')[1].split("</section>")[0]
    assert 'id="chart-investigations-title"' in section
    for year, value in ((2019, 182), (2020, 111), (2021, 103)):
        assert f"{year}: {value}" in section  # each point's title names year and count
    assert "not part of the score" in section or "does not use it" in section


def test_html_chart_bands_the_overall_range_and_marks_only_sufficient_scores(cli) -> None:
    from trafficking_audit.models.trend import Trend
    from trafficking_audit.render.html import trend_chart

    for name in ("kazakhstan", "turkmenistan"):
        data = json.loads(cli("trend", name, "--to", "2026-12-01", "--format", "json").stdout)
        data.pop("lang")  # the language of the texts, beside the model
        trend = Trend.model_validate(data)
        chart = trend_chart(trend)
        overall, *pillars = chart.series
        assert overall.band and not any(p.band for p in pillars)
        sufficient = [p for p in trend.points if p.scores.overall.sufficient]
        assert len(overall.marks) == len(sufficient)
    assert not sufficient  # Turkmenistan: too thin on every date, so the chart draws its range alone
