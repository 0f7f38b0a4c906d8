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

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import ChangedFact, Result, SourceRef
from trafficking_audit.models.vocabulary import Outcome, Severity

Level = Literal["error", "warning"]

# The catalogue of every code `audit check` emits (the loader's included): code -> (level, description).
# Loader codes first, then the semantic checks. The SARIF renderer lists it as the tool's rules.
CODES: dict[str, tuple[Level, str]] = {
    "file-missing": ("error", "The file does not exist."),
    "file-unreadable": ("error", "The file cannot be read."),
    "file-too-large": ("error", "The file is larger than the loader accepts."),
    "not-utf8": ("error", "The file is not UTF-8 text."),
    "binary": ("error", "The file holds a NUL character."),
    "empty": ("error", "The file is empty."),
    "yaml-syntax": ("error", "YAML syntax error."),
    "yaml-duplicate-key": ("error", "A key appears twice in the same mapping."),
    "yaml-alias": ("error", "YAML anchors, aliases and merge keys are not allowed."),
    "yaml-tag": ("error", "Explicit YAML tags are not allowed."),
    "yaml-complex-key": ("error", "Mapping keys must be plain strings."),
    "yaml-too-deep": ("error", "The YAML nests too deeply."),
    "yaml-too-large": ("error", "The YAML has too many nodes."),
    "yaml-nan": ("error", "NaN and infinity are not allowed."),
    "root-not-mapping": ("error", "The top level must be a mapping."),
    "bad-date": ("error", "A date is not written as a valid YYYY-MM-DD."),
    "schema": ("error", "A value does not fit the schema."),
    "schema-unknown-field": ("error", "A field the schema does not have."),
    "schema-missing-field": ("error", "A required field is missing."),
    "period-backwards": ("error", "A validity period ends before it starts."),
    "duplicate-source": ("error", "Two sources of a profile have the same id."),
    "unknown-source": ("error", "A fact cites a source id the profile does not define."),
    "unused-source": ("warning", "A source no fact cites."),
    "unsourced-fact": ("warning", "A fact with a known value but no source."),
    "undated-fact": (
        "warning",
        "A fact without valid_from whose earliest source was published after the profile's history_from.",
    ),
    "weak-basis": (
        "warning",
        "A known fact that decides a critical rule rests only on a secondary source or an inference.",
    ),
    "bad-url": ("error", "A URL that is not an absolute http(s) URL."),
    "accessed-in-future": ("error", "A source's accessed date is after today."),
    "period-overlap": ("error", "Two entries of a fact's history are valid on the same day."),
    "reviewed-in-future": ("error", "The profile's last_reviewed date is after today."),
    "unknown-country": (
        "error",
        "An ISO 3166-1 code that does not exist (user-assigned codes, AA, QM-QZ, XA-XZ, ZZ and their alpha-3 "
        "ranges, pass as private use).",
    ),
    "iso-mismatch": ("error", "The alpha-2 and alpha-3 codes name different countries."),
    "id-mismatch": ("error", "The profile id differs from the file name."),
    "duplicate-id": ("error", "Two profiles of the data have the same id."),
    "ambiguous-name": ("error", "An id, ISO code, name or alias names two profiles (compared NFC and case folded)."),
    "unknown-treaty": ("error", "A treaty key that is not an instrument of the catalogue."),
    "treaty-logic": ("error", "Party to a protocol but not to its parent treaty."),
    "duplicate-rule": ("error", "Two rules have the same id."),
    "duplicate-instrument": ("error", "Two instruments have the same id."),
    "unknown-path": ("error", "A rule names a fact path the profile schema lacks."),
    "bad-operand": ("error", "An operator does not suit the fact, or the value is impossible."),
    "unknown-instrument": (
        "error",
        "A rule cites an instrument the catalogue lacks, or an amendment that does not amend it.",
    ),
    "obligation-unsupported": ("error", "A rule is graded above the strength of every provision it cites."),
    "bad-template": ("error", "A recommendation template does not render."),
    "example-failed": ("error", "A rule example gives another outcome than it expects."),
    "example-invalid": ("error", "A rule example's facts do not make a valid profile."),
    "example-coverage": ("warning", "A rule lacks an example for met, not_met or unknown."),
    "duplicate-provision": ("error", "A provision of rules/provisions.yaml is listed twice."),
    "unknown-rule": ("error", "A provision names a rule id the rulebook lacks."),
    "rule-does-not-cite": ("error", "A provision names a rule that does not cite it."),
    "uncovered-provision": ("warning", "A mandatory provision has neither a rule nor a not_assessed reason."),
    "translation": ("error", "A file of rule texts in another language names an unknown rule, field or language."),
    "translation-variables": (
        "error",
        "A translated recommendation template reads other variables than the English one.",
    ),
    "missing-translation": ("warning", "A rulebook text has no translation in a language (English is shown)."),
    "stale-translation": ("warning", "A translation was made from an English text that has changed since."),
}


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


class FactEdit(ChangedFact):
    """A fact a rule reads whose value on the audit date an edit changed: two versions of a profile file."""

    before: Any = Field(description="Value at the base revision (null when absent or unknown).")
    after: Any = Field(description="Value now (null when absent or unknown).")
    provision: str | None = Field(default=None, description="The national provision the value now rests on.")
    sources: list[SourceRef] = Field(
        default_factory=empty_list, description="The sources of the value now (else before)."
    )


class FindingChange(Result):
    """A finding that an edit of a profile changes."""

    path: str = Field(description="The profile file.")
    line: int = Field(ge=1, description="Line of the first changed fact the rule reads (1 when none is located).")
    col: int = Field(ge=1, description="Column of that fact.")
    jurisdiction: str = Field(description="Profile id.")
    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    severity: Severity = Field(description="Severity of the rule.")
    before: Outcome = Field(description="Outcome at the base revision.")
    after: Outcome = Field(description="Outcome now.")
    regression: bool = Field(description="True when the outcome got worse (met > partially_met > not_met).")
    facts: list[FactEdit] = Field(default_factory=empty_list, description="The facts behind the change.")


class CheckReport(Result):
    """Everything one ``audit check`` run found."""

    files: int = Field(description="Number of files checked.")
    problems: list[Problem] = Field(default_factory=empty_list, description="Sorted by file, line and column.")
    base: str | None = Field(default=None, description="The git revision compared against (`--base`).")
    as_of: str | None = Field(default=None, description="The audit date used for the comparison.")
    changes: list[FindingChange] = Field(
        default_factory=empty_list, description="Findings changed since `base`, by file and rule order."
    )
    fail_on_regression: bool = Field(default=False, description="Whether a regression fails the check.")
    notes: list[str] = Field(default_factory=empty_list, description="What the comparison could not do, and why.")

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
