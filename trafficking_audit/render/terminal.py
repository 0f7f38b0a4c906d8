"""Terminal summary with rich: headline, pillar scores, top recommendations, findings.

Rendered to a string so it stays a pure function; the CLI decides whether colour
is wanted (a terminal, and ``NO_COLOR`` unset) and passes ``color``.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from trafficking_audit.models.result import Audit
from trafficking_audit.render.labels import DISCLAIMER, OUTCOME_COLOURS, PILLAR_LABELS, outcome_label

TOP_RECOMMENDATIONS = 5


def console(color: bool, width: int) -> Console:
    """A console that records to a string."""
    return Console(
        file=io.StringIO(), force_terminal=color, no_color=not color, width=width,
        color_system="standard" if color else None, highlight=False, emoji=False,
    )


def render_audit(audit: Audit, color: bool = False, width: int = 100) -> str:
    """The audit as a terminal summary."""
    out = console(color, width)
    j = audit.jurisdiction
    out.print(f"[bold]{escape(j.name)}[/bold] ({j.iso2}/{j.iso3}) · law as of {audit.as_of} · rulebook {escape(audit.rulebook_version)}")
    out.print(escape(audit.headline))
    out.print()
    scores = Table(title="Scores (indicative)", title_justify="left")
    for column in ("Pillar", "Score", "Met", "Partial", "Not met", "Unknown", "N/A", "Coverage"):
        scores.add_column(column, justify="left" if column == "Pillar" else "right")
    for s in [*audit.scores.pillars, audit.scores.overall]:
        scores.add_row(
            PILLAR_LABELS[s.pillar], "–" if s.score is None else f"{s.score:.0f}", str(s.met), str(s.partially_met),
            str(s.not_met), str(s.unknown), str(s.not_applicable),
            "–" if s.coverage is None else f"{round(100 * s.coverage)}%",
        )
    out.print(scores)
    out.print(f"[dim]{DISCLAIMER}[/dim]")
    if audit.recommendations:
        out.print()
        out.print(f"[bold]Top recommendations[/bold] ({len(audit.recommendations)} in all)")
        for r in audit.recommendations[:TOP_RECOMMENDATIONS]:
            peers = f" Peers: {', '.join(p.name for p in r.peers)}." if r.peers else ""
            out.print(f" {r.priority}. {escape(r.text)} [dim]({r.rule}){escape(peers)}[/dim]")
    out.print()
    findings = Table(title="Findings", title_justify="left")
    for column in ("Outcome", "Rule", "Pillar", "Severity", "Evidence"):
        findings.add_column(column)
    for f in audit.findings:
        evidence = "; ".join(sorted({e.provision for e in f.evidence if e.provision})) or (
            "missing: " + ", ".join(f.missing) if f.missing else ""
        )
        findings.add_row(
            f"[{OUTCOME_COLOURS[f.status]}]{outcome_label(f.status)}[/]", f.rule, f.pillar, f.severity, escape(evidence)
        )
    out.print(findings)
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()
