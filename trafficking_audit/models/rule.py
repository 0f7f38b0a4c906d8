"""Rules and instruments: the international standards, as data.

A rule says what a standard requires (its ``met`` condition over profile fields),
where the requirement comes from (citations to instruments and articles, each with
its strength and, for an amended text, the instrument that inserted it), the most it
can oblige, and what to recommend when a jurisdiction falls short. Who is bound, and
from when, is not written in the rule: the engine derives it from the citations, the
instruments' dates and the profile's treaty history and memberships. Rules carry
their own examples, which ``audit rules test`` runs like ``conftest verify``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictStr, model_validator

from trafficking_audit.errors import Position
from trafficking_audit.models.defaults import empty_dict, empty_list
from trafficking_audit.models.facts import Day
from trafficking_audit.models.vocabulary import (
    Obligation,
    Outcome,
    PartNaming,
    Pillar,
    Severity,
    Strength,
)

# Leaf operators of the condition language and what each expects.
OPERATORS: tuple[str, ...] = ("is", "is_not", "in", "gte", "lte", "contains", "contains_any")


class Strict(BaseModel):
    """Base of rule-file models: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(Strict):
    """A condition over profile facts, under three-valued logic (true, false, unknown).

    Exactly one form is used: ``all``, ``any`` or ``not`` combine conditions;
    otherwise ``fact`` names a profile field by dotted path and exactly one operator
    compares its value as of the audit date.
    """

    all: list[Condition] | None = Field(default=None, description="True when every condition is true.")
    any: list[Condition] | None = Field(default=None, description="True when at least one condition is true.")
    not_: Condition | None = Field(default=None, alias="not", description="True when the condition is false.")
    fact: StrictStr | None = Field(
        default=None, description="Dotted path to a profile field, e.g. `offence.means_role`."
    )
    is_: Any = Field(default=None, alias="is", description="The value equals this.")
    is_not: Any = Field(default=None, description="The value differs from this.")
    in_: list[Any] | None = Field(default=None, alias="in", description="The value is one of these.")
    gte: float | None = Field(default=None, description="The number is at least this.")
    lte: float | None = Field(default=None, description="The number is at most this.")
    contains: list[Any] | None = Field(default=None, description="The list holds all of these.")
    contains_any: list[Any] | None = Field(default=None, description="The list holds at least one of these.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        combinators = [n for n in ("all", "any", "not_") if getattr(self, n) is not None]
        operators = self.operators()
        if self.fact is None:
            if len(combinators) != 1 or operators:
                raise ValueError("a condition needs exactly one of `all`, `any`, `not`, or `fact` with one operator")
        else:
            if combinators:
                raise ValueError("a `fact` condition cannot also use `all`, `any` or `not`")
            if len(operators) != 1:
                raise ValueError("a `fact` condition needs exactly one operator: " + ", ".join(OPERATORS))
        return self

    def operators(self) -> dict[str, Any]:
        """The leaf operators set on this condition, by their YAML names."""
        found = {}
        for name in OPERATORS:
            attr = {"is": "is_", "in": "in_"}.get(name, name)
            if attr in self.model_fields_set:
                found[name] = getattr(self, attr)
        return found


class Citation(Strict):
    """Where a standard comes from: an instrument and an article, with its strength there."""

    instrument: StrictStr = Field(description="Instrument id from `rules/instruments.yaml`.")
    article: StrictStr = Field(
        description="The part cited, as the instrument names its parts (its `parts`): an article or paragraph "
        "(`3(a)`, `12(6)`), a section (`108(a)(2)`), a recommendation number (`3`), a chapter; for an instrument "
        "cited whole, its edition (`2nd ed., 2022`)."
    )
    strength: Strength = Field(
        description="How binding the provision is in that instrument: mandatory, qualified (mandatory "
        "with a qualifier), soft, definition, guidance or criterion (TVPA minimum standards)."
    )
    note: StrictStr | None = Field(default=None, description="What the provision says, in our words.")
    inserted_by: StrictStr | None = Field(
        default=None,
        description="Id of the amending instrument that inserted or replaced the provision, when it is not the "
        "base instrument (e.g. `eu-directive-2024-1712`): the provision exists only from that instrument's "
        "entry into force, and binds from its transposition deadline rather than the base instrument's.",
    )
    verified: Literal["text", "secondary"] | None = Field(
        default=None,
        description="How the citation was checked: `text` when the article's own text was read, `secondary` "
        "when only a commentary or guide was.",
    )


class Example(Strict):
    """A small profile and the outcome the rule must give for it."""

    name: StrictStr = Field(description="What the example shows.")
    expect: Outcome = Field(description="The outcome the rule must give.")
    as_of: Day | None = Field(default=None, description="Audit date for the example (default: 2025-01-01).")
    facts: dict[StrictStr, Any] = Field(
        default_factory=empty_dict,
        description="Profile facts by dotted path, e.g. `offence.means_role: constituent`. "
        "Every other fact is unknown.",
    )


class Rule(Strict):
    """One criterion of the rulebook."""

    id: StrictStr = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Stable kebab-case id.")
    title: StrictStr = Field(description="What the rule checks, in one line.")
    pillar: Pillar = Field(description="prosecution, protection, prevention or partnership.")
    severity: Severity = Field(description="critical, high, medium or low.")
    obligation: Obligation = Field(
        description="The most the rule's test asks where its cited instruments bind: the finding's obligation is the "
        "strongest strength among the citations that bind the jurisdiction on the audit date (see "
        "`engine/binding.py`), never above this. Set it below the citations' strength when the rule's test goes "
        "further than the binding texts require."
    )
    citations: list[Citation] = Field(min_length=1, description="Every instrument that carries the standard.")
    summary: StrictStr = Field(description="What it checks, in a few sentences.")
    rationale: StrictStr = Field(description="Why it matters, in our own words.")
    applies_if: Condition | None = Field(default=None, description="When false, the outcome is `not_applicable`.")
    not_applicable_reason: StrictStr | None = Field(
        default=None, description="Why the rule does not apply when `applies_if` is false."
    )
    met: Condition = Field(description="The condition for `met`.")
    partially_met: Condition | None = Field(default=None, description="The condition for `partially_met`.")
    recommendation: StrictStr = Field(
        description="Recommendation template (sandboxed Jinja). Variables: `jurisdiction`, `provision`, `missing` "
        "(facts unknown on the audit date) and `missing_elements` (the elements the condition asks for that the "
        "profile lacks, in words, e.g. `slavery`, `abuse of power`)."
    )
    examples: list[Example] = Field(default_factory=empty_list, description="Example profiles with expected outcomes.")
    # Where the recommendation stands in its rule file (set by the loader; not a field of the file), so
    # that a template failing while an audit renders it is reported at its line, as bad input.
    # A function, not a position: positions are worked out from the file's text only when an error needs one.
    _recommendation_at: Callable[[], Position] | None = PrivateAttr(default=None)

    @property
    def recommendation_position(self) -> Position | None:
        """The position of the recommendation template in its rule file, when loaded from one."""
        return None if self._recommendation_at is None else self._recommendation_at()

    def locate_recommendation(self, position: Callable[[], Position]) -> None:
        """Record how to find where the recommendation template stands (the loader calls this)."""
        self._recommendation_at = position


class RuleFile(Strict):
    """One YAML file of rules for one area."""

    area: StrictStr = Field(description="The area the rules in this file cover.")
    rules: list[Rule] = Field(description="The rules.")


class Instrument(Strict):
    """An international instrument the rules cite."""

    id: StrictStr = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Short id used in citations.")
    title: StrictStr = Field(description="Full title.")
    short: StrictStr = Field(description="Short name used in reports.")
    parts: PartNaming = Field(
        default="article",
        description="How its parts are named in citations: `article` (Palermo Art. 3(a)), `section` (TVPA § 108), "
        "`recommendation` (FATF Recommendation 3), `chapter` (a numbered chapter, or a named part such as an "
        "introduction), or `document` when it is cited whole (the citation's `article` then gives the edition).",
    )
    kind: Literal["treaty", "eu-law", "national-law", "ilo-convention", "guidance"] = Field(description="Kind.")
    identifiers: dict[StrictStr, StrictStr] = Field(
        default_factory=empty_dict, description="Official identifiers, e.g. `untc: XVIII-12-a`, `celex: 32011L0036`."
    )
    adopted: Day | None = Field(default=None, description="Date of adoption.")
    in_force: Day | None = Field(default=None, description="Date of entry into force.")
    transposition_deadline: Day | None = Field(
        default=None, description="For a directive: the date by which Member States must comply."
    )
    amends: StrictStr | None = Field(
        default=None, description="For an amending instrument: the id of the instrument it amends."
    )
    url: StrictStr | None = Field(default=None, description="Official text.")
    verified: Literal["text", "secondary"] | None = Field(
        default=None,
        description="How the dates were checked: `text` when the instrument's own final clauses or official record "
        "were read, `secondary` when only a commentary or summary was.",
    )
    note: StrictStr | None = Field(default=None, description="Remarks.")


class InstrumentCatalogue(Strict):
    """`rules/instruments.yaml`."""

    instruments: list[Instrument] = Field(description="The instruments.")


class RulebookHeader(Strict):
    """`rules/rulebook.yaml`: the version recorded in every report."""

    version: StrictStr = Field(description="Rulebook version, e.g. `2026.11`.")
    title: StrictStr = Field(description="Name of the rulebook.")
