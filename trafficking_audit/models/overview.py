"""The overview result: every jurisdiction against every rule, with pillar scores.

Produced by ``audit run --all`` and rendered as ``index.html``, ``index.md``,
``matrix.csv`` and ``matrix.json``: the comparison researchers read as a table.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result import SCHEMA_VERSION, Identity, PillarScore
from trafficking_audit.models.result_base import Result
from trafficking_audit.models.vocabulary import Outcome, Pillar, Severity


class RuleColumn(Result):
    """A rule as a column of the matrix."""

    id: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    pillar: Pillar = Field(description="Pillar.")
    severity: Severity = Field(description="Severity.")


class ScoreOnDate(Result):
    """A jurisdiction's overall score on one date, for the overview's sparkline."""

    date: dt.date = Field(description="Date the law was assessed as of.")
    overall: PillarScore = Field(description="Overall score, range and coverage on that date.")


class JurisdictionRow(Identity):
    """A jurisdiction as a row of the matrix, with its scores."""

    id: str = Field(description="Profile id; also the base name of its report files.")
    headline: str = Field(description="The report's one-sentence verdict.")
    score: float | None = Field(
        description="Overall score when the evidence coverage reaches the minimum (0.5); null below it."
    )
    score_low: float | None = Field(description="Lower bound of the overall score: unknowns counted as not met.")
    score_high: float | None = Field(description="Upper bound of the overall score: unknowns counted as met.")
    coverage: float | None = Field(description="Overall evidence coverage (0-1).")
    overall: PillarScore = Field(description="Overall score and coverage.")
    pillars: list[PillarScore] = Field(description="Scores per pillar, in pillar order.")
    history: list[ScoreOnDate] = Field(
        default_factory=empty_list,
        description="Overall score on 1 January of each year from the start of the profile's history "
        "(history_from, else its first dated fact) and on the overview's date: the trend sparkline. Computed "
        "for the overviews that draw it (index.html and index.md, or --format html|md); empty otherwise.",
    )


class MatrixCell(Result):
    """One jurisdiction's outcome for one rule."""

    jurisdiction: str = Field(description="Profile id.")
    rule: str = Field(description="Rule id.")
    pillar: Pillar = Field(description="Pillar of the rule.")
    severity: Severity = Field(description="Severity of the rule.")
    status: Outcome = Field(description="Outcome.")


class Overview(Result):
    """All jurisdictions x all rules on one date."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this format.")
    as_of: dt.date = Field(description="Date the law was assessed as of.")
    rulebook_version: str = Field(description="Rulebook version.")
    rules: list[RuleColumn] = Field(description="Columns, grouped by pillar, rulebook order within a pillar.")
    jurisdictions: list[JurisdictionRow] = Field(
        description="Rows: jurisdictions with sufficient evidence first, then those with insufficient evidence, "
        "each group by profile id."
    )
    cells: list[MatrixCell] = Field(description="One per jurisdiction and rule, rows then columns.")
