"""Self-contained HTML reports: inline CSS and SVG, no external requests, autoescaped."""

from __future__ import annotations

from trafficking_audit.models.diff import Diff
from trafficking_audit.models.overview import Overview
from trafficking_audit.models.result import Audit, PillarScore
from trafficking_audit.models.rule import PILLARS
from trafficking_audit.render.jinja import pct, point_text, range_text, render_template
from trafficking_audit.render.labels import CHANGE_LABELS, TREND_LABELS, signed


def bar(s: PillarScore, y: float, scale: float) -> dict[str, object]:
    """Geometry of one range bar: from the low to the high bound, a tick at the point score when it is
    headlined, and the text printed beside it (score, range and evidence coverage)."""
    known = s.low is not None and s.high is not None
    start = round(scale * (s.low or 0), 1)
    span = round(scale * ((s.high or 0) - (s.low or 0)), 1) if known else None
    mark = round(scale * s.score, 1) if s.sufficient and s.score is not None else None
    point = f"{point_text(s)} " if mark is not None else ""
    text = f"{point}{range_text(s)} · {pct(s.coverage)}" if known else "no score"
    return {"label": s.pillar, "y": y, "start": start, "span": span, "mark": mark, "text": text}


def bars(scores: list[PillarScore]) -> list[dict[str, object]]:
    """Geometry of a horizontal chart of pillar score ranges (drawn as inline SVG)."""
    return [bar(s, 10 + 34 * i, 3) for i, s in enumerate(scores)]


def render_audit(audit: Audit) -> str:
    """The audit report as one offline HTML page."""
    chart = bars([*audit.scores.pillars, audit.scores.overall])
    return render_template("audit.html.j2", html=True, audit=audit, pillars=PILLARS, chart=chart)


def render_diff(diff: Diff) -> str:
    """The diff as one offline HTML page, in the style of the audit report."""
    return render_template(
        "diff.html.j2", html=True, diff=diff, changes=CHANGE_LABELS, trends=TREND_LABELS, signed=signed
    )


def score_rows(overview: Overview) -> list[dict[str, object]]:
    """Geometry of the grouped bar chart: one row per jurisdiction, one bar per pillar."""
    rows = []
    for index, row in enumerate(overview.jurisdictions):
        top = 10 + index * 96
        rows.append(
            {
                "row": row,
                "y": top,
                "bars": [bar(s, top + 18 * j, 2.6) for j, s in enumerate([*row.pillars, row.overall])],
            }
        )
    return rows


def render_overview(overview: Overview) -> str:
    """The overview as one offline HTML page (``index.html``) with a CSS-only filter."""
    return render_template("index.html.j2", html=True, o=overview, pillars=PILLARS, chart=score_rows(overview))
