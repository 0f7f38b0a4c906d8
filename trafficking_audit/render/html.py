"""Self-contained HTML reports: inline CSS and SVG, no external requests, autoescaped."""

from __future__ import annotations

from trafficking_audit.models.result import Audit, PillarScore
from trafficking_audit.models.rule import PILLARS
from trafficking_audit.render.jinja import render_template


def bars(scores: list[PillarScore]) -> list[dict[str, object]]:
    """Geometry of a horizontal bar chart of pillar scores (drawn as inline SVG)."""
    return [
        {"label": s.pillar, "score": s.score, "width": round(3 * (s.score or 0), 1), "y": 10 + 34 * i}
        for i, s in enumerate(scores)
    ]


def render_audit(audit: Audit) -> str:
    """The audit report as one offline HTML page."""
    chart = bars([*audit.scores.pillars, audit.scores.overall])
    return render_template("audit.html.j2", html=True, audit=audit, pillars=PILLARS, chart=chart)
