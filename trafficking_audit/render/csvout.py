"""``matrix.csv``: the overview matrix as CSV, one row per jurisdiction and rule.

Every cell goes through :func:`cell`: a spreadsheet reads a cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula (CSV injection, OWASP), so such a cell is
prefixed with an apostrophe and shown as text. Line breaks in a cell are written as ``\n``, which
the csv module quotes, so data cannot start a row. The csv module quotes the rest.
"""

from __future__ import annotations

import csv
import io

from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.overview import Overview

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("jurisdiction", "rule", "pillar", "severity", "status", "as_of", "rulebook_version")


def cell(value: object) -> str:
    """A value as a CSV cell that no spreadsheet evaluates."""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    # A lone carriage return would end the row in a reader (the writer quotes only "\n"): make it one.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_matrix(overview: Overview, lang: Language = ENGLISH) -> str:
    """CSV with a header row; values from data are quoted by the csv module as needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in overview.cells:
        values = (row.jurisdiction, row.rule, row.pillar, row.severity, row.status)
        writer.writerow([cell(v) for v in (*values, overview.as_of.isoformat(), overview.rulebook_version)])
    return buffer.getvalue()
