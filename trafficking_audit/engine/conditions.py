"""The three-valued logic of rule conditions: a condition over profile facts is true, false or unknown.

Pure functions, no I/O. A fact that is absent, or has no value covering the audit date, or is
the explicit ``unknown``, makes its leaf unknown and is listed as missing, never read as "no".
List facts whose items are words of an element vocabulary (means, acts, purposes) are widened
with the element taxonomy (:mod:`trafficking_audit.models.elements`) before they are compared,
so a law that names a broader element satisfies a rule that asks for a narrower one.

The condition tree is walked in one place, :func:`children`: :func:`leaves` (every fact a rule
compares, for the research plan's candidate values and ``audit check``'s critical facts) and
:func:`deciding` (the unknown facts an unknown condition turns on, for the reason of an unknown
finding and for what the research plan says meeting a rule still waits for) both go through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from trafficking_audit.models.elements import vocabulary_of, widen
from trafficking_audit.models.facts import select
from trafficking_audit.models.paths import fact_values, read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result_base import Evidence
from trafficking_audit.models.rule import Condition, Rule

Truth = bool | None  # None is "unknown"


@dataclass
class Reading:
    """The facts a rule read while being evaluated: evidence and missing paths."""

    profile: Profile
    day: dt.date
    evidence: dict[str, Evidence] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def value(self, path: str) -> Any:
        """The value of ``path`` on the audit date, or None when unknown (recorded as missing)."""
        fact = select(read(self.profile, path), self.day)
        if fact is None or fact.is_unknown:
            if path not in self.missing:
                self.missing.append(path)
            return None
        if path not in self.evidence:
            value = fact.value
            self.evidence[path] = Evidence(
                fact=path,
                value=list(value) if isinstance(value, (list, tuple)) else value,
                provision=fact.provision,
                sources=list(fact.sources),
                note=fact.note,
                valid_from=fact.valid_from,
                valid_to=fact.valid_to,
                basis=fact.basis,
            )
        return fact.value


def truth(condition: Condition, reading: Reading) -> Truth:
    """Evaluate a condition under Kleene's three-valued logic."""
    if condition.all is not None:
        results = [truth(c, reading) for c in condition.all]
        if False in results:
            return False
        return None if None in results else True
    if condition.any is not None:
        results = [truth(c, reading) for c in condition.any]
        if True in results:
            return True
        return None if None in results else False
    if condition.not_ is not None:
        inner = truth(condition.not_, reading)
        return None if inner is None else not inner
    assert condition.fact is not None  # guaranteed by the model validator
    value = reading.value(condition.fact)
    if value is None:
        return None
    leaf = leaf_of(condition)
    return apply_operator(leaf.op, leaf.widened(value), leaf.operand)


def children(condition: Condition) -> Sequence[Condition]:
    """The conditions directly under ``all``, ``any`` or ``not`` (none under a fact comparison).

    The one walk of the tree's shape; what a combinator means is for :func:`truth` and the reasons.
    """
    if condition.all is not None:
        return condition.all
    if condition.any is not None:
        return condition.any
    if condition.not_ is not None:
        return (condition.not_,)
    return ()


def leaves(condition: Condition) -> Iterator[Condition]:
    """Every fact comparison of a condition tree, in the order the tree writes them."""
    if condition.fact is not None:
        yield condition
    for child in children(condition):
        yield from leaves(child)


def conditions(rule: Rule) -> Iterator[Condition]:
    """The rule's top-level conditions that decide its outcome (applicability, met, partially met)."""
    yield from (c for c in (rule.applies_if, rule.met, rule.partially_met) if c is not None)


def deciding(condition: Condition, reading: Reading) -> list[str]:
    """The unknown facts on which an unknown condition turns (empty when its truth is known).

    A fact belongs here only if some value of it could change the condition's truth. Facts read by a
    branch whose truth is already known cannot (Kleene's logic is monotone: knowing more never turns a
    known truth around), so they are left out: in ``any`` of a true and an unknown branch nothing is to
    decide. This is what :attr:`Reading.missing` is not: it keeps every unknown fact that was read.
    """
    if truth(condition, reading) is not None:
        return []
    if condition.fact is not None:
        return [condition.fact]
    found: list[str] = []
    for child in children(condition):
        found.extend(path for path in deciding(child, reading) if path not in found)
    return found


@dataclass(frozen=True)
class Leaf:
    """A leaf condition taken apart: its operator, its operand and the element vocabulary of its fact."""

    condition: Condition  # kept alive so that its id is not reused while cached
    op: str
    operand: Any
    vocabulary: str | None

    def widened(self, value: Any) -> Any:
        """The recorded value with every element its elements cover (unchanged outside the vocabularies)."""
        if self.vocabulary is None or not isinstance(value, (list, tuple)):
            return value
        return widen(self.vocabulary, value)


_LEAVES: dict[int, Leaf] = {}


def leaf_of(condition: Condition) -> Leaf:
    """The parts of a leaf condition, found once per condition rather than per profile."""
    entry = _LEAVES.get(id(condition))
    if entry is None:
        if len(_LEAVES) > 20_000:  # a long-lived process that loads many rulebooks
            _LEAVES.clear()
        assert condition.fact is not None
        ((op, operand),) = condition.operators().items()
        kind, allowed = fact_values(condition.fact)
        # Only the list operators ask whether an element is recorded; `is` compares the list as written.
        vocabulary = vocabulary_of(allowed) if kind == "list" and op in ("contains", "contains_any") else None
        entry = _LEAVES[id(condition)] = Leaf(condition, op, operand, vocabulary)
    return entry


def apply_operator(op: str, value: Any, operand: Any) -> bool:
    """Apply one leaf operator to a known value."""
    if op == "is":
        return bool(value == operand)
    if op == "is_not":
        return bool(value != operand)
    if op == "in":
        return value in operand
    if op == "gte":
        return bool(value >= operand)
    if op == "lte":
        return bool(value <= operand)
    if op == "contains":
        return all(item in value for item in operand)
    if op == "contains_any":
        return any(item in value for item in operand)
    raise ValueError(f"unknown operator {op}")  # unreachable: the rule model checks operators
