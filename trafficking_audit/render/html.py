"""Self-contained HTML reports: inline CSS and SVG, no external requests, autoescaped."""

from __future__ import annotations

from trafficking_audit.models.diff import Diff
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.overview import Overview
from trafficking_audit.models.result import Audit, PillarScore
from trafficking_audit.models.result_base import SourceRef
from trafficking_audit.models.trend import Trend
from trafficking_audit.models.vocabulary import PILLARS
from trafficking_audit.render.charts import Chart, Sparkline, count_chart, score_chart, sparkline
from trafficking_audit.render.jinja import render_template
from trafficking_audit.render.labels import (
    CHANGE_LABELS,
    INDICATOR_LABELS,
    PILLAR_LABELS,
    TREND_LABELS,
    signed,
    translated,
)
from trafficking_audit.render.text import pct, point_text, range_text


def bar(s: PillarScore, y: float, scale: float, lang: Language = ENGLISH) -> dict[str, object]:
    """Geometry of one range bar: from the low to the high bound, a tick at the point score when it is
    headlined, and the text printed beside it (score, range and evidence coverage)."""
    known = s.low is not None and s.high is not None
    start = round(scale * (s.low or 0), 1)
    span = round(scale * ((s.high or 0) - (s.low or 0)), 1) if known else None
    mark = round(scale * s.score, 1) if s.sufficient and s.score is not None else None
    point = f"{point_text(s)} " if mark is not None else ""
    text = f"{point}{range_text(s)} · {pct(s.coverage, lang)}" if known else lang.gettext("no score")
    return {"label": s.pillar, "y": y, "start": start, "span": span, "mark": mark, "text": text}


def bars(scores: list[PillarScore], lang: Language = ENGLISH) -> list[dict[str, object]]:
    """Geometry of a horizontal chart of pillar score ranges (drawn as inline SVG)."""
    return [bar(s, 10 + 34 * i, 3, lang) for i, s in enumerate(scores)]


def statistics_charts(audit: Audit, lang: Language = ENGLISH) -> list[tuple[str, Chart, list[list[bool]]]]:
    """One chart per indicator the profile counts: (indicator, chart, hollow flag per series point)."""
    charts: list[tuple[str, Chart, list[list[bool]]]] = []
    for indicator in dict.fromkeys(s.indicator for s in audit.statistics):
        series = [s for s in audit.statistics if s.indicator == indicator]
        named = [
            (f"{n}: {_short(s.counting_basis)}", [(p.year, p.value) for p in s.points]) for n, s in enumerate(series, 1)
        ]
        hollow = [[not p.used_by_audit for p in sorted(s.points, key=lambda p: p.year)] for s in series]
        label = lang.gettext(INDICATOR_LABELS[indicator])
        charts.append((indicator, count_chart(named, label, lang.gettext("Year")), hollow))
    return charts


def _short(text: str, limit: int = 96) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tier_sources(audit: Audit) -> list[SourceRef]:
    """The sources of the TIP tiers, once each, in first-cited order."""
    seen: dict[str, SourceRef] = {}
    for tier in audit.tip_tiers:
        for source in tier.sources:
            seen.setdefault(source.id, source)
    return list(seen.values())


def render_audit(audit: Audit, lang: Language = ENGLISH) -> str:
    """The audit report as one offline HTML page."""
    chart = bars([*audit.scores.pillars, audit.scores.overall], lang)
    return render_template(
        lang,
        "audit.html.j2",
        html=True,
        audit=audit,
        pillars=PILLARS,
        chart=chart,
        stat_charts=statistics_charts(audit, lang),
        tier_sources=tier_sources(audit),
    )


def render_diff(diff: Diff, lang: Language = ENGLISH) -> str:
    """The diff as one offline HTML page, in the style of the audit report."""
    return render_template(
        lang,
        "diff.html.j2",
        html=True,
        diff=diff,
        changes=translated(lang, CHANGE_LABELS),
        trends=translated(lang, TREND_LABELS),
        signed=signed,
    )


def trend_chart(trend: Trend, lang: Language = ENGLISH) -> Chart:
    """The overall and pillar scores at every point of the trend, with their ranges when known."""
    dates = [p.date for p in trend.points]
    series = []
    for name in ("overall", *PILLARS):
        scores = [p.scores.overall if name == "overall" else _pillar(p.scores.pillars, name) for p in trend.points]
        # Only the overall line carries its band: five overlapping bands would hide one another.
        ranges = [_range(s) if name == "overall" else None for s in scores]
        series.append((lang.gettext(PILLAR_LABELS[name]), [_point(s) for s in scores], ranges))
    return score_chart(dates, series, lang.gettext("Date the law was assessed as of"), lang.gettext("Score (0-100)"))


def _pillar(scores: list[PillarScore], name: str) -> PillarScore:
    return next(s for s in scores if s.pillar == name)


def _range(score: PillarScore) -> tuple[float, float] | None:
    return (score.low, score.high) if score.low is not None and score.high is not None else None


def _point(score: PillarScore) -> float | None:
    """The point score where it may be headlined; a chart draws no point where the evidence is too thin."""
    return score.score if score.sufficient else None


def render_trend(trend: Trend, lang: Language = ENGLISH) -> str:
    """The trend as one offline HTML page: a score chart, the rule x date grid and the changes."""
    return render_template(lang, "trend.html.j2", html=True, t=trend, chart=trend_chart(trend, lang))


def score_rows(overview: Overview, lang: Language = ENGLISH) -> list[dict[str, object]]:
    """Geometry of the grouped bar chart: one row per jurisdiction, one bar per pillar."""
    rows = []
    for index, row in enumerate(overview.jurisdictions):
        top = 10 + index * 96
        rows.append(
            {
                "row": row,
                "y": top,
                "bars": [bar(s, top + 18 * j, 2.6, lang) for j, s in enumerate([*row.pillars, row.overall])],
            }
        )
    return rows


def sparklines(overview: Overview) -> dict[str, Sparkline]:
    """Each jurisdiction's overall score over the years, by profile id."""
    return {
        row.id: sparkline(
            [h.date for h in row.history],
            [_point(h.overall) for h in row.history],
            [_range(h.overall) for h in row.history],
        )
        for row in overview.jurisdictions
    }


def render_overview(overview: Overview, lang: Language = ENGLISH) -> str:
    """The overview as one offline HTML page (``index.html``) with a CSS-only filter."""
    return render_template(
        lang,
        "index.html.j2",
        html=True,
        o=overview,
        pillars=PILLARS,
        chart=score_rows(overview, lang),
        sparks=sparklines(overview),
    )
