"""The element taxonomies: which element of the offence, when a law names it, covers which narrower one.

Means, acts and purposes are vocabularies (:data:`~trafficking_audit.models.profile.Means` and its
siblings), and the standards do not name them at one level: the Palermo Protocol speaks of "the
threat or use of force or other forms of coercion", so a law that makes *coercion* an element has
made threat and force elements too, while a law naming threat and force has not made every other
form of coercion one. A profile records what the law names; a rule asks for what the standard names;
a recorded element satisfies the element a rule asks for when it is that element or a broader one.

This table is the one place the hierarchy lives: the engine widens recorded values with it, the
rule docs print it, and its tests check that every name is a word of its vocabulary. Each entry says
on what reading of which text it rests, because a hierarchy is a legal judgement, not a fact of
spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import get_args

from trafficking_audit.models.profile import Act, Means, Purpose


@dataclass(frozen=True)
class Subsumption:
    """A broader element and the narrower elements a law naming it covers, with the reading behind it."""

    broader: str
    narrower: tuple[str, ...]
    basis: str


# vocabulary name -> its words (the profile's Literal types)
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "means": get_args(Means),
    "acts": get_args(Act),
    "purposes": get_args(Purpose),
}

TAXONOMY: dict[str, tuple[Subsumption, ...]] = {
    "means": (
        Subsumption(
            broader="coercion",
            narrower=("threat", "force", "other_coercion"),
            basis="Palermo Protocol Art. 3(a) and CETS 197 Art. 4(a) name 'the threat or use of force or other "
            "forms of coercion': threat and use of force are forms of coercion, so a law that makes coercion as "
            "such an element (e.g. Sweden's 'olaga tvång', which Penal Code ch. 4 s. 4 defines by violence and "
            "threats) covers both, and the residual 'other forms of coercion'.",
        ),
        Subsumption(
            broader="other_improper_means",
            narrower=("other_coercion",),
            basis="A catch-all clause ('or other such improper means') reaches means of the kind the law lists "
            "without naming them, which is what the residual 'other forms of coercion' of Palermo Art. 3(a) asks; "
            "it does not stand in for a means the standard names (force, fraud, abuse of power).",
        ),
    ),
    "acts": (
        Subsumption(
            broader="exchange_of_control",
            narrower=("sale_purchase",),
            basis="EU Directive 2011/36 Art. 2(1) adds 'the exchange or transfer of control over those persons' "
            "to the acts; selling or buying a person is one way of passing control over them.",
        ),
    ),
    "purposes": (
        Subsumption(
            broader="forced_labour",
            narrower=("begging",),
            basis="EU Directive 2011/36 recital 11: forced begging is to be understood as a form of forced labour "
            "or services as defined in ILO Convention No. 29, so forced labour or services covers it.",
        ),
    ),
}


@cache
def covered(vocabulary: str, element: str) -> frozenset[str]:
    """``element`` and every narrower element it covers, transitively."""
    found = {element}
    frontier = [element]
    while frontier:
        current = frontier.pop()
        for entry in TAXONOMY.get(vocabulary, ()):
            if entry.broader == current:
                for narrower in entry.narrower:
                    if narrower not in found:
                        found.add(narrower)
                        frontier.append(narrower)
    return frozenset(found)


def widen(vocabulary: str, recorded: list[str] | tuple[str, ...]) -> set[str]:
    """Every element the recorded elements satisfy: each of them and what each covers."""
    result: set[str] = set()
    for element in recorded:
        result |= covered(vocabulary, element)
    return result


@cache
def vocabulary_of(allowed: tuple[str, ...] | None) -> str | None:
    """The taxonomy vocabulary whose words are exactly ``allowed`` (a list fact's item values), if any."""
    if allowed is None:
        return None
    for name, words in VOCABULARIES.items():
        if tuple(allowed) == words:
            return name
    return None
