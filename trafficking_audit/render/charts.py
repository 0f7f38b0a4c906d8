"""Geometry of the inline SVG charts: scores over time, statistics per year, sparklines.

Charts are drawn by the templates from plain numbers computed here, so a chart is a pure
function of the result model and can be tested without a browser. Every chart has a fixed
size, labelled axes and values written as text beside the marks, and tells its series
apart by dash pattern and marker shape as well as colour, so it reads in print and in
greyscale. Nothing in a chart refers to anything outside the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

# Series styles: colour, dash pattern and marker, distinguishable without colour.
STYLES = (
    {"colour": "#24292f", "dash": "", "marker": "circle"},
    {"colour": "#0969da", "dash": "6 3", "marker": "square"},
    {"colour": "#8250df", "dash": "2 3", "marker": "diamond"},
    {"colour": "#bc4c00", "dash": "8 3 2 3", "marker": "triangle"},
    {"colour": "#1a7f37", "dash": "1 2", "marker": "circle"},
)


@dataclass(frozen=True)
class Mark:
    """One data point: its position, its value as text, and what it is (for a tooltip title)."""

    x: float
    y: float
    label: str
    title: str


@dataclass(frozen=True)
class Series:
    """One line of a chart."""

    name: str
    colour: str
    dash: str
    marker: str
    marks: list[Mark]
    path: str
    band: str = ""  # an SVG polygon's points: the range from low to high, when the series has one


@dataclass(frozen=True)
class Tick:
    """An axis tick: its position and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A line chart's frame, axes and series, in SVG user units."""

    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    series: list[Series] = field(default_factory=list)
    x_label: str = ""
    y_label: str = ""


WIDTH, HEIGHT = 720, 300
LEFT, TOP, RIGHT, BOTTOM = 56, 16, 700, 250


def _scale(value: float, low: float, high: float, start: float, end: float) -> float:
    if high == low:
        return (start + end) / 2
    return round(start + (value - low) * (end - start) / (high - low), 1)


def _path(marks: Sequence[Mark]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{m.x},{m.y}" for i, m in enumerate(marks))


def score_chart(
    dates: Sequence[dt.date],
    series: Sequence[tuple[str, Sequence[float | None], Sequence[tuple[float, float] | None]]],
    x_label: str = "Date the law was assessed as of",
    y_label: str = "Score (0-100)",
) -> Chart:
    """Scores (0-100) over time: one line per (name, scores, ranges), x proportional to time.

    A point without a score is left out of its line (the line does not pretend to know it);
    a range (low, high) draws a band behind the line.
    """
    first, last = dates[0].toordinal(), dates[-1].toordinal()
    xs = [_scale(d.toordinal(), first, last, LEFT + 8, RIGHT - 8) for d in dates]
    lines = []
    for index, (name, scores, ranges) in enumerate(series):
        style = STYLES[index % len(STYLES)]
        marks = [
            # Only the first series (the overall score) writes its values: five labelled lines would overlap.
            Mark(
                x, _scale(s, 0, 100, BOTTOM, TOP), f"{s:.0f}" if index == 0 else "", f"{name}, {d.isoformat()}: {s:.0f}"
            )
            for x, d, s in zip(xs, dates, scores, strict=True)
            if s is not None
        ]
        band = _band(xs, ranges, BOTTOM, TOP)
        lines.append(Series(name, style["colour"], style["dash"], style["marker"], marks, _path(marks), band))
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        TOP,
        RIGHT,
        BOTTOM,
        x_ticks=_date_ticks(dates, xs),
        y_ticks=[Tick(_scale(v, 0, 100, BOTTOM, TOP), str(v)) for v in (0, 25, 50, 75, 100)],
        series=lines,
        x_label=x_label,
        y_label=y_label,
    )


def _band(xs: Sequence[float], ranges: Sequence[tuple[float, float] | None], bottom: float, top: float) -> str:
    """The points of an SVG polygon from each range's high edge, left to right, back along its low edge.

    Dates without a range are skipped, so the band spans only the dates whose bounds are known.
    """
    known = [(x, r) for x, r in zip(xs, ranges, strict=True) if r is not None]
    upper = [(x, _scale(r[1], 0, 100, bottom, top)) for x, r in known]
    lower = [(x, _scale(r[0], 0, 100, bottom, top)) for x, r in reversed(known)]
    return " ".join(f"{x},{y}" for x, y in [*upper, *lower])


def _date_ticks(dates: Sequence[dt.date], xs: Sequence[float]) -> list[Tick]:
    """One tick per year boundary inside the range (at most about ten), labelled with the year."""
    first, last = dates[0], dates[-1]
    years = list(range(first.year + (first != dt.date(first.year, 1, 1)), last.year + 1))
    step = max(1, len(years) // 10 + (len(years) % 10 > 0))
    lo, hi = first.toordinal(), last.toordinal()
    ticks = [Tick(_scale(dt.date(y, 1, 1).toordinal(), lo, hi, xs[0], xs[-1]), str(y)) for y in years[::step]]
    return ticks or [Tick(xs[0], first.isoformat())]


def count_chart(series: Sequence[tuple[str, Sequence[tuple[int, int]]]], y_label: str, x_label: str = "Year") -> Chart:
    """Counts per year: one line per (name, [(year, value)]); the y axis starts at zero."""
    years = sorted({y for _name, points in series for y, _v in points})
    top_value = max([v for _name, points in series for _y, v in points] or [0])
    ceiling = _nice_ceiling(top_value)
    lo, hi = (years[0], years[-1]) if years else (0, 1)
    lines = []
    for index, (name, points) in enumerate(series):
        style = STYLES[index % len(STYLES)]
        marks = [
            Mark(
                _scale(y, lo - 0.5, hi + 0.5, LEFT, RIGHT),
                _scale(v, 0, ceiling, BOTTOM, TOP),
                str(v),
                f"{name}, {y}: {v}",
            )
            for y, v in sorted(points)
        ]
        lines.append(Series(name, style["colour"], style["dash"], style["marker"], marks, _path(marks)))
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        TOP,
        RIGHT,
        BOTTOM,
        x_ticks=[Tick(_scale(y, lo - 0.5, hi + 0.5, LEFT, RIGHT), str(y)) for y in years],
        y_ticks=[Tick(_scale(v, 0, ceiling, BOTTOM, TOP), str(v)) for v in _steps(ceiling)],
        series=lines,
        x_label=x_label,
        y_label=y_label,
    )


def _nice_ceiling(value: int) -> int:
    """The smallest of 10, 20, 50, 100, 200, 500, ... at or above ``value``."""
    ceiling, factors = 10, (2.0, 2.5, 2.0)
    index = 0
    while ceiling < value:
        ceiling = int(ceiling * factors[index % 3])
        index += 1
    return ceiling


def _steps(ceiling: int) -> list[int]:
    return [round(ceiling * i / 4) for i in range(5)]


@dataclass(frozen=True)
class Sparkline:
    """A tiny score-over-time chart for the overview: the range as a band, the point scores as a line."""

    width: int
    height: int
    points: str
    band: str
    first: str
    last: str
    title: str


def sparkline(
    dates: Sequence[dt.date],
    scores: Sequence[float | None],
    ranges: Sequence[tuple[float, float] | None],
    width: int = 120,
    height: int = 24,
) -> Sparkline:
    """A sparkline over time (x proportional to time, y 0-100): the band of every known range, and a line
    through the point scores that may be headlined (``None`` where the evidence was too thin for one)."""
    if not dates:
        return Sparkline(width, height, "", "", "–", "–", "no date to draw")
    lo, hi = dates[0].toordinal(), dates[-1].toordinal()
    xs = [_scale(d.toordinal(), lo, hi, 2, width - 2) for d in dates]
    band = _band(xs, ranges, height - 2, 2)
    known = [(x, d, s) for x, d, s in zip(xs, dates, scores, strict=True) if s is not None]
    points = " ".join(f"{x},{_scale(s, 0, 100, height - 2, 2)}" for x, _d, s in known)
    span = f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
    if not known:
        return Sparkline(width, height, "", band, "–", "–", f"{span}: evidence too thin for a point score on any date")
    (_x0, d0, s0), (_x1, d1, s1) = known[0], known[-1]
    title = f"{span}: overall score {s0:.0f} on {d0.isoformat()}, {s1:.0f} on {d1.isoformat()}"
    return Sparkline(width, height, points, band, f"{s0:.0f}", f"{s1:.0f}", title)
