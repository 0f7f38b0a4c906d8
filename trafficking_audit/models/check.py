"""Result models of ``audit check``: problems found in data files, and what an edit changes.

``audit check`` is the CI gate for edited profiles and rules. Its output is a list
of :class:`Problem` (one positioned message each, like yamllint's) and, with
``--base REV``, the findings an edit of a profile changes (:class:`FindingChange`),
with the facts behind the change and their sources: the review comment a
maintainer wants. Every renderer of a check (text, JSON, SARIF, GitHub) reads
:class:`CheckReport` and nothing else.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, computed_field

from trafficking_audit.models.result import Result, SourceRef
from trafficking_audit.models.rule import Outcome

Level = Literal["error", "warning"]


class Problem(Result):
    """One problem in one data file, at a line and column."""

    path: str = Field(description="The file, relative to the working directory when inside it.")
    line: int = Field(ge=1, description="1-based line.")
    col: int = Field(ge=1, description="1-based column.")
    level: Level = Field(description="error, or warning (errors under --strict).")
    message: str = Field(description="What is wrong, in one line.")
    code: str = Field(description="Stable identifier of the check, e.g. `unknown-source`.")

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order of the output: file, line, column, then code and message."""
        return (self.path, self.line, self.col, self.code, self.message)


class FactChange(Result):
    """A fact a rule reads whose value on the audit date differs between two versions of a profile."""

    fact: str = Field(description="Dotted path of the profile field.")
    before: Any = Field(description="Value at the base revision (null when absent or unknown).")
    after: Any = Field(description="Value now (null when absent or unknown).")
    provision: str | None = Field(default=None, description="The national provision the value now rests on.")
    sources: list[SourceRef] = Field(default_factory=list, description="The sources of the value now (else before).")


class FindingChange(Result):
    """A finding that an edit of a profile changes."""

    path: str = Field(description="The profile file.")
    line: int = Field(ge=1, description="Line of the first changed fact the rule reads (1 when none is located).")
    col: int = Field(ge=1, description="Column of that fact.")
    jurisdiction: str = Field(description="Profile id.")
    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    severity: str = Field(description="Severity of the rule.")
    before: Outcome = Field(description="Outcome at the base revision.")
    after: Outcome = Field(description="Outcome now.")
    regression: bool = Field(description="True when the outcome got worse (met > partially_met > not_met).")
    facts: list[FactChange] = Field(default_factory=list, description="The facts behind the change.")


class CheckReport(Result):
    """Everything one ``audit check`` run found."""

    files: int = Field(description="Number of files checked.")
    problems: list[Problem] = Field(default_factory=list, description="Sorted by file, line and column.")
    base: str | None = Field(default=None, description="The git revision compared against (`--base`).")
    as_of: str | None = Field(default=None, description="The audit date used for the comparison.")
    changes: list[FindingChange] = Field(
        default_factory=list, description="Findings changed since `base`, by file and rule order."
    )
    fail_on_regression: bool = Field(default=False, description="Whether a regression fails the check.")
    notes: list[str] = Field(default_factory=list, description="What the comparison could not do, and why.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def errors(self) -> int:
        """Number of problems at level error."""
        return sum(1 for p in self.problems if p.level == "error")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def warnings(self) -> int:
        """Number of problems at level warning."""
        return sum(1 for p in self.problems if p.level == "warning")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def regressions(self) -> int:
        """Number of findings the edit made worse."""
        return sum(1 for c in self.changes if c.regression)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """True when the check passes: no errors, and no regression when regressions fail it."""
        return self.errors == 0 and not (self.fail_on_regression and self.regressions)
