"""``matrix.csv``: the overview matrix as CSV, one row per jurisdiction and rule."""

from __future__ import annotations

import csv
import io

from trafficking_audit.models.overview import Overview

COLUMNS = ("jurisdiction", "rule", "pillar", "severity", "status", "as_of", "rulebook_version")


def render_matrix(overview: Overview) -> str:
    """CSV with a header row; values from data are quoted by the csv module as needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cell in overview.cells:
        writer.writerow(
            (
                cell.jurisdiction,
                cell.rule,
                cell.pillar,
                cell.severity,
                cell.status,
                overview.as_of.isoformat(),
                overview.rulebook_version,
            )
        )
    return buffer.getvalue()
