"""The listing result: what ``audit list`` shows for each jurisdiction in the data.

One row per profile: who it is, when its profile was last reviewed, and how much of
the rulebook its facts can decide (evidence coverage) with the indicative overall
score on the listing date. The JSON listing is a list of these objects.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from trafficking_audit.models.result import JurisdictionRef


class JurisdictionSummary(JurisdictionRef):
    """One jurisdiction of the data, summarised on one date."""

    region: str | None = Field(default=None, description="Region, as the profile gives it.")
    as_of: dt.date = Field(description="The date the law was assessed as of for score and coverage.")
    score: float | None = Field(
        description="Overall indicative score, 0-100, over the rules whose outcome is known; null when the evidence "
        "coverage is below the minimum (0.5) or no outcome is known."
    )
    score_low: float | None = Field(description="Lower bound of the overall score: unknowns counted as not met.")
    score_high: float | None = Field(description="Upper bound of the overall score: unknowns counted as met.")
    coverage: float | None = Field(
        description="Evidence coverage: share of applicable rules whose outcome is not unknown (0-1)."
    )
    applicable: int = Field(description="Rules that apply to the jurisdiction.")
    unknown: int = Field(description="Applicable rules whose outcome is unknown.")
