"""Chart geometry (render/charts.py): bands span the known ranges, lines only the point scores."""

from __future__ import annotations

import datetime as dt

from trafficking_audit.render.charts import score_chart, sparkline

DAYS = [dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1)]


def _pairs(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def test_sparkline_band_covers_every_range_and_line_skips_missing_scores() -> None:
    s = sparkline(DAYS, [None, 50.0, 80.0], [(10.0, 90.0), (40.0, 60.0), (70.0, 85.0)], width=102, height=22)
    band = _pairs(s.band)
    assert len(band) == 6  # high edge left to right, then low edge back
    xs = [x for x, _y in band]
    assert xs == xs[:3] + xs[:3][::-1] and xs[0] == 2.0 and xs[2] == 100.0
    assert 50 < xs[1] < 52  # x proportional to time: 2020 has 366 days
    assert band[0][1] < band[-1][1]  # high is drawn above low (SVG y grows downwards)
    assert [x for x, _y in _pairs(s.points)] == xs[1:3]
    assert (s.first, s.last) == ("50", "80")
    assert "50 on 2021-01-01, 80 on 2022-01-01" in s.title


def test_sparkline_without_point_scores_draws_the_band_only() -> None:
    s = sparkline(DAYS, [None, None, None], [(10.0, 90.0), None, (20.0, 100.0)])
    assert s.points == "" and len(_pairs(s.band)) == 4
    assert "too thin" in s.title


def test_score_chart_band_only_where_a_range_is_given() -> None:
    chart = score_chart(DAYS, [("Overall", [60.0, None, 70.0], [(50.0, 80.0), (40.0, 90.0), None])])
    (series,) = chart.series
    assert len(series.marks) == 2
    assert len(_pairs(series.band)) == 4
