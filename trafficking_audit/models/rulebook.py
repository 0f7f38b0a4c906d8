"""Result models for reading the rulebook: the rule list, one rule's page, the generated docs.

``audit rules list``, ``audit rules show`` and ``docs/rules.md`` are views of the rule
files; these models hold exactly what their renderers print, so every format reads
the same data and the JSON of the list is a documented contract.
"""

from __future__ import annotations

from pydantic import Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import Result
from trafficking_audit.models.rule import Citation, Instrument, Rule
from trafficking_audit.models.vocabulary import Obligation, Pillar, Severity


class RuleEntry(Result):
    """One rule as ``audit rules list`` shows it."""

    id: str = Field(description="Rule id.")
    title: str = Field(description="What the rule checks, in one line.")
    pillar: Pillar = Field(description="prosecution, protection, prevention or partnership.")
    severity: Severity = Field(description="critical, high, medium or low.")
    obligation: Obligation = Field(
        description="The most the rule asks where its cited instruments bind; each audit derives the obligation for "
        "the jurisdiction and date from the citations that bind it."
    )
    file: str = Field(description="The rule file, as `rules/<name>.yaml`.")
    citations: list[Citation] = Field(description="Instrument, article and strength of every source.")


class RuleList(Result):
    """The rules ``audit rules list`` selected, in rulebook order."""

    rulebook_version: str = Field(description="Version of the rulebook.")
    rules: list[RuleEntry] = Field(description="The rules.")


class RulePage(Result):
    """Everything the page of one rule shows, as ``audit rules show`` and ``docs/rules.md`` print it."""

    rule: Rule = Field(description="The rule as written in its file.")
    file: str = Field(description="The rule file, as `rules/<name>.yaml`.")
    instruments: dict[str, Instrument] = Field(description="The instruments the rule cites, by id.")
    verb: str = Field(description="The verb that grades its recommendation: urge, recommend or invite.")
    rulebook_version: str = Field(description="Version of the rulebook.")


class ElementCover(Result):
    """One entry of an element taxonomy, as the rule docs list it."""

    vocabulary: str = Field(description="means, acts or purposes.")
    broader: str = Field(description="The element a law names.")
    narrower: list[str] = Field(description="The elements it covers, which it satisfies when a rule asks for them.")
    basis: str = Field(description="The reading of the texts the entry rests on.")


class RulebookDocs(Result):
    """The generated reference of the whole rulebook (`docs/rules.md`)."""

    title: str = Field(description="Name of the rulebook.")
    rulebook_version: str = Field(description="Version of the rulebook.")
    index: list[RuleEntry] = Field(description="The rules as the index table lists them, in rulebook order.")
    instruments: list[Instrument] = Field(description="The catalogue of instruments, in file order.")
    pages: list[RulePage] = Field(description="One page per rule, in rulebook order.")
    taxonomy: list[ElementCover] = Field(
        default_factory=empty_list,
        description="The element taxonomies: which broader element, when a law names it, satisfies which narrower "
        "one a rule asks for.",
    )
