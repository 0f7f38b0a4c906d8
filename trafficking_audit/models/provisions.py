"""The treaties article by article: what each provision asks, how strongly, and which rules assess it.

``rules/provisions.yaml`` lists every article and paragraph of the instruments the rulebook
claims to cover (the Palermo Protocol, UNTOC as it applies to trafficking, CETS 197), each with
the words its text uses ("shall", "shall consider", "shall endeavour", "may"...) and either the
rules that assess it or the reason no rule does. The wording decides the provision's strength in
the vocabulary citations use, so "mandatory" means what the treaty text says, not what a rule
author hoped; ``audit rules coverage`` reads these models to show which obligations the rulebook
leaves unexamined.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, StrictStr, model_validator

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import Result
from trafficking_audit.models.rule import Strict
from trafficking_audit.models.vocabulary import Strength

# The operative words of a provision as its text gives them.
Wording = Literal["shall", "shall consider", "shall endeavour", "shall seek", "may", "defines", "states"]
WORDINGS: tuple[Wording, ...] = ("shall", "shall consider", "shall endeavour", "shall seek", "may", "defines", "states")

# NOTE: "may" permits and "states" (purpose, scope, saving clauses, final clauses that describe) obliges no one,
# so they have no strength: the Strength vocabulary grades duties, and these are not duties.
WORDING_STRENGTH: dict[Wording, Strength | None] = {
    "shall": "mandatory",
    "shall consider": "soft",
    "shall endeavour": "soft",
    "shall seek": "soft",
    "may": None,
    "defines": "definition",
    "states": None,
}
# Strengths that make a provision an obligation the state must meet (the coverage test's subject).
MANDATORY_STRENGTHS: tuple[Strength, ...] = ("mandatory", "qualified")

Coverage = Literal["covered", "reason", "uncovered"]
COVERAGES: tuple[Coverage, ...] = ("covered", "reason", "uncovered")


class Provision(Strict):
    """One article, paragraph or subparagraph of an instrument, as its text words it."""

    instrument: StrictStr = Field(description="Instrument id from `rules/instruments.yaml`.")
    article: StrictStr = Field(
        description="Article and paragraph as citations write them, e.g. `5(2)(a)`, `6(6)`, `12` (the whole article), "
        "or a run of paragraphs with the same wording, e.g. `18(10)-(12)`."
    )
    title: StrictStr | None = Field(default=None, description="The article's heading, e.g. `Border measures`.")
    wording: Wording = Field(
        description="The operative words of the text: `shall`, `shall consider`, `shall endeavour`, `shall seek`, "
        "`may`, `defines` (a definition) or `states` (purpose, scope, saving and final clauses that oblige no one)."
    )
    qualifier: StrictStr | None = Field(
        default=None,
        description="The words that qualify a `shall`, as the text gives them (e.g. `in appropriate cases`, "
        "`to the extent possible`, `subject to its domestic law`): the provision is then `qualified`.",
    )
    note: StrictStr = Field(description="What the provision asks, in our words.")
    verified: Literal["text", "secondary"] = Field(
        description="`text` when the provision's own text was read, `secondary` when only a commentary or guide was."
    )
    rules: list[StrictStr] = Field(
        default_factory=empty_list, description="Ids of the rules that assess the provision; each must cite it."
    )
    not_assessed: StrictStr | None = Field(
        default=None,
        description="Why no rule assesses the provision (e.g. `institutional: about the Convention's own bodies`).",
    )

    @model_validator(mode="after")
    def _one_answer(self) -> Provision:
        if self.rules and self.not_assessed is not None:
            raise ValueError("a provision has either `rules` that assess it or a `not_assessed` reason, not both")
        if self.qualifier is not None and self.wording != "shall":
            raise ValueError("a `qualifier` qualifies a `shall`; the wording is already not mandatory")
        if not REFERENCE.fullmatch(self.article):
            raise ValueError(f"article '{self.article}' is not of the form 12, 5(2), 31(1)(a) or 18(9)-(12)")
        return self

    @property
    def strength(self) -> Strength | None:
        """The strength its wording gives (None for `may` and `states`: no duty)."""
        if self.wording == "shall" and self.qualifier is not None:
            return "qualified"
        return WORDING_STRENGTH[self.wording]

    @property
    def mandatory(self) -> bool:
        """Whether the text obliges the state ("shall", qualified or not)."""
        return self.strength in MANDATORY_STRENGTHS

    @property
    def coverage(self) -> Coverage:
        """Covered by rules, explained by a reason, or neither."""
        if self.rules:
            return "covered"
        return "reason" if self.not_assessed is not None else "uncovered"


class ProvisionCatalogue(Strict):
    """`rules/provisions.yaml`."""

    provisions: list[Provision] = Field(description="Every provision of the covered instruments, in treaty order.")


# An article reference of a provision: an article number (with an optional letter, as in EU `18a`) and
# parenthesised parts: `5`, `5(2)`, `5(2)(a)`, `31(1)(a)(ii)`.
ARTICLE = re.compile(r"\d+[a-z]?(\([0-9a-z]+\))*")
# A provision's article: one reference, or a run of its last parts (`18(10)-(12)`).
REFERENCE = re.compile(ARTICLE.pattern + r"(-\([0-9a-z]+\))?")
_PART = re.compile(r"\(([0-9a-z]+)\)")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def article_path(article: str) -> tuple[str, ...] | None:
    """``5(2)(a)`` as ``("5", "2", "a")``; None for a text that is not one article reference."""
    article = article.strip()
    if not ARTICLE.fullmatch(article):
        return None
    head = article.split("(", 1)[0]
    return (head, *_PART.findall(article))


def cited_paths(article: str) -> list[tuple[str, ...]]:
    """Every article reference a citation's article text names.

    Citations write lists and ranges: ``1, 2(1), 3(1)(a)``, ``7(1)-(3)`` (paragraphs 1 to 3), ``31(1)(a)-(c)``.
    A range is expanded when both ends are numbers, single letters or roman numerals; text that is not an
    article reference (``whole handbook``) names none.
    """
    found: list[tuple[str, ...]] = []
    for piece in article.split(","):
        start, _, end = piece.strip().partition("-")
        base = article_path(start)
        if base is None:
            continue
        if not end:
            found.append(base)
            continue
        last = _PART.fullmatch(end.strip())
        if last is None or len(base) < 2:
            found.append(base)
            continue
        found.extend(base[:-1] + (part,) for part in _span(base[-1], last.group(1)))
    return found


def _span(first: str, last: str) -> list[str]:
    """The parts from ``first`` to ``last``: 1..3, a..c or i..iii; just the two ends when neither scale fits."""
    if first.isdigit() and last.isdigit():
        return [str(n) for n in range(int(first), int(last) + 1)]
    if first in _ROMAN and last in _ROMAN and _ROMAN.index(first) <= _ROMAN.index(last):
        return list(_ROMAN[_ROMAN.index(first) : _ROMAN.index(last) + 1])
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha() and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


def overlaps(provision: str, citation: str) -> bool:
    """Whether a citation's article text names the provision, a part of it, or the article that holds it.

    ``6`` (the whole article) and ``6(3)(a)`` (a point of it) both overlap ``6(3)``; ``6(4)`` does not.
    """
    cited = cited_paths(citation)
    for target in cited_paths(provision):
        for path in cited:
            shorter = min(len(path), len(target))
            if path[:shorter] == target[:shorter]:
                return True
    return False


class ProvisionEntry(Result):
    """One provision as ``audit rules coverage`` shows it."""

    instrument: str = Field(description="Instrument id.")
    article: str = Field(description="Article and paragraph.")
    title: str | None = Field(default=None, description="The article's heading.")
    wording: Wording = Field(description="The operative words of the text.")
    qualifier: str | None = Field(default=None, description="The words that qualify a `shall`.")
    strength: Strength | None = Field(description="The strength the wording gives; null when it obliges no one.")
    mandatory: bool = Field(description="Whether the text obliges the state (`mandatory` or `qualified`).")
    note: str = Field(description="What the provision asks, in our words.")
    verified: Literal["text", "secondary"] = Field(description="How the provision was checked.")
    coverage: Coverage = Field(description="`covered` (rules assess it), `reason` (not assessed, why) or `uncovered`.")
    rules: list[str] = Field(description="The rules that assess it.")
    not_assessed: str | None = Field(default=None, description="Why no rule assesses it.")
    also_cited_by: list[str] = Field(
        description="Rules that cite the provision (or its article) without being listed as assessing it."
    )


class InstrumentCoverage(Result):
    """The counts for one instrument."""

    instrument: str = Field(description="Instrument id.")
    short: str = Field(description="Its short name.")
    provisions: int = Field(description="Provisions listed.")
    mandatory: int = Field(description="Of them, mandatory or qualified.")
    mandatory_covered: int = Field(description="Mandatory provisions that rules assess.")
    mandatory_reason: int = Field(description="Mandatory provisions not assessed, with the reason.")
    mandatory_uncovered: int = Field(description="Mandatory provisions with neither a rule nor a reason.")
    covered: int = Field(description="Provisions of any strength that rules assess.")
    rules: int = Field(description="Distinct rules that assess at least one of its provisions.")


class CoverageReport(Result):
    """``audit rules coverage``: provision -> rules, per instrument, with the counts."""

    rulebook_version: str = Field(description="Version of the rulebook.")
    rule_count: int = Field(description="Rules in the rulebook.")
    instrument: str | None = Field(default=None, description="The instrument asked for, when one was.")
    instruments: list[InstrumentCoverage] = Field(description="Counts per instrument, in file order.")
    provisions: list[ProvisionEntry] = Field(description="Every provision listed, in file order.")
