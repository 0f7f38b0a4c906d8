"""Result models of ``audit trend``: one jurisdiction audited on every date its law changed.

A trend is a series of points (a date, each rule's outcome and the scores on that date)
and the changes between consecutive points (a rule whose outcome differs, with the facts
that changed and their provisions and sources). The JSON trend is the serialisation of
:class:`Trend`; its keys are a documented interface (``points``, ``changes``, ``from``,
``to``), so the Python names that cannot be keywords carry aliases.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.diff import FactChange
from trafficking_audit.models.result import JurisdictionRef, Scores
from trafficking_audit.models.result_base import Result
from trafficking_audit.models.vocabulary import Outcome, Pillar, Severity

TREND_SCHEMA_VERSION = "1.0"

Sampling = Literal["change", "year"]


class TrendRule(Result):
    """A rule of the trend's grid, in rulebook order."""

    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    pillar: Pillar = Field(description="Pillar of the rule.")
    severity: Severity = Field(description="Severity of the rule.")


class TrendPoint(Result):
    """The audit of the jurisdiction on one date of the trend."""

    date: dt.date = Field(description="The date the law was assessed as of.")
    scores: Scores = Field(description="Scores per pillar and overall on this date.")
    outcomes: dict[str, Outcome] = Field(description="Each rule's outcome on this date, by rule id.")


class TrendChange(Result):
    """A rule whose outcome on ``date`` differs from its outcome at the previous point."""

    model_config = Result.model_config | {"populate_by_name": True}

    date: dt.date = Field(description="The point at which the new outcome is first seen.")
    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    from_: Outcome = Field(alias="from", description="The outcome at the previous point.")
    to: Outcome = Field(description="The outcome on this date.")
    facts: list[FactChange] = Field(
        default_factory=empty_list,
        description="The facts the rule reads whose value changed between the two points "
        "(left: before, right: after), with their provisions and sources.",
    )


class Trend(Result):
    """One jurisdiction over time: the JSON trend is this model."""

    model_config = Result.model_config | {"populate_by_name": True}

    schema_version: str = Field(default=TREND_SCHEMA_VERSION, description="Version of this trend format.")
    jurisdiction: JurisdictionRef = Field(description="Who was audited.")
    rulebook_version: str = Field(description="Version of the rulebook that produced the outcomes.")
    start: dt.date = Field(alias="from", description="First date of the trend.")
    end: dt.date = Field(alias="to", description="Last date of the trend.")
    every: Sampling = Field(
        description="`change`: every date on which some fact's validity starts or ends (and the dates cited "
        "instruments enter into force for the jurisdiction); `year`: 1 January of each year."
    )
    rules: list[TrendRule] = Field(description="The rules audited at every point, in rulebook order.")
    points: list[TrendPoint] = Field(description="One audit per date, oldest first.")
    changes: list[TrendChange] = Field(description="Changes of outcome between consecutive points, oldest first.")
