"""Build the cross-jurisdiction overview from individual audits (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from trafficking_audit.models.overview import JurisdictionRow, MatrixCell, Overview, RuleColumn
from trafficking_audit.models.result import Audit
from trafficking_audit.models.rule import PILLARS, Rule


def build_overview(audits: Sequence[Audit], rules: Sequence[Rule], as_of: dt.date, rulebook_version: str) -> Overview:
    """The matrix of outcomes and the score table of audits made on one date with one rulebook."""
    columns = sorted(
        (RuleColumn(id=r.id, title=r.title, pillar=r.pillar, severity=r.severity) for r in rules),
        key=lambda c: PILLARS.index(c.pillar),  # stable: rulebook order within a pillar
    )
    ordered = sorted(audits, key=lambda a: a.jurisdiction.id)
    rows = [
        JurisdictionRow(
            id=a.jurisdiction.id, name=a.jurisdiction.name, iso2=a.jurisdiction.iso2, iso3=a.jurisdiction.iso3,
            headline=a.headline, overall=a.scores.overall, pillars=a.scores.pillars,
        )
        for a in ordered
    ]
    cells = []
    for audit in ordered:
        status = {f.rule: f.status for f in audit.findings}
        cells.extend(
            MatrixCell(jurisdiction=audit.jurisdiction.id, rule=c.id, pillar=c.pillar, severity=c.severity, status=status[c.id])
            for c in columns
        )
    return Overview(
        as_of=as_of,
        rulebook_version=rulebook_version,
        rules=columns,
        jurisdictions=rows,
        cells=cells,
    )
