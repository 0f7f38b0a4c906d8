"""What running the rulebook's examples found: one result per example, the gaps, and the report.

The result models of ``audit rules test`` (and of the example checks of ``audit check``); the
logic that runs the examples is :mod:`trafficking_audit.engine.examples`. Here so that the
renderers read them without importing the engine.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, computed_field

from trafficking_audit.errors import Position
from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import Result
from trafficking_audit.models.vocabulary import Outcome

# The audit date of an example that names none.
EXAMPLE_DAY = dt.date(2025, 1, 1)


class ExampleResult(Result):
    """The outcome one example gave, against the one it expects, or why it could not run."""

    rule: str = Field(description="Rule id.")
    name: str = Field(description="The example's name.")
    index: int = Field(ge=0, description="0-based position of the example in the rule's `examples` list.")
    path: str = Field(description="The rule file.")
    line: int = Field(ge=1, description="1-based line of the example (of the bad value, when `error` is set).")
    col: int = Field(ge=1, description="1-based column, likewise.")
    expect: Outcome = Field(description="The outcome the example expects.")
    actual: Outcome | None = Field(description="The outcome the rule gave (null when the example is invalid).")
    error: str | None = Field(
        default=None, description="Why the example's facts do not make a valid profile (null when they do)."
    )

    @computed_field(description="True when the example is valid and gave the expected outcome.")  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """True when the example is valid and the rule gave the expected outcome."""
        return self.error is None and self.expect == self.actual

    @property
    def position(self) -> Position:
        """Where the example (or its bad value) is, for positioned messages."""
        return Position(self.path, self.line, self.col)


class ExampleGap(Result):
    """A rule whose examples do not show every outcome it can give."""

    rule: str = Field(description="Rule id.")
    path: str = Field(description="The rule file.")
    line: int = Field(ge=1, description="1-based line of the rule's `id`.")
    col: int = Field(ge=1, description="1-based column of the rule's `id`.")
    missing: list[Outcome] = Field(description="Outcomes the rule can give that no example expects.")


class RuleTestReport(Result):
    """Everything one run of the rules' examples found (``audit rules test``)."""

    rulebook_version: str = Field(description="Version of the rulebook tested.")
    rules: int = Field(ge=0, description="Number of rules whose examples were run.")
    results: list[ExampleResult] = Field(description="One result per example, in rulebook and file order.")
    gaps: list[ExampleGap] = Field(
        default_factory=empty_list, description="Rules lacking an example for an outcome they can give (warnings)."
    )

    @computed_field(description="Examples that gave their expected outcome.")  # type: ignore[prop-decorator]
    @property
    def passed(self) -> int:
        """Examples that gave their expected outcome."""
        return sum(1 for r in self.results if r.passed)

    @computed_field(description="Examples that gave another outcome or could not run.")  # type: ignore[prop-decorator]
    @property
    def failed(self) -> int:
        """Examples that gave another outcome or could not run."""
        return len(self.results) - self.passed

    @property
    def failures(self) -> list[ExampleResult]:
        """The mismatches and invalid examples, in rulebook order."""
        return [r for r in self.results if not r.passed]

    @property
    def invalid(self) -> bool:
        """True when some example's facts do not make a valid profile (bad input, not a mismatch)."""
        return any(r.error is not None for r in self.results)
