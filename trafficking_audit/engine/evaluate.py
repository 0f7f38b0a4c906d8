"""Rule x profile -> finding: the three-valued evaluation of rule conditions.

Pure functions, no I/O. A condition is true, false or unknown (None). A fact
that is absent, or has no value covering the audit date, or is the explicit
``unknown``, makes its leaf unknown and is listed as missing, never read as "no".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trafficking_audit.engine.binding import obligations
from trafficking_audit.models.facts import select
from trafficking_audit.models.paths import read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Evidence, Finding
from trafficking_audit.models.rule import Condition, Instrument, Rule
from trafficking_audit.models.vocabulary import Outcome

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
    op, operand = _leaf(condition)
    return compare(op, value, operand)


# id -> (the condition itself, kept alive so that its id is not reused; its operator; its operand)
_LEAVES: dict[int, tuple[Condition, str, Any]] = {}


def _leaf(condition: Condition) -> tuple[str, Any]:
    """The operator and operand of a leaf condition, found once per condition rather than per profile."""
    entry = _LEAVES.get(id(condition))
    if entry is None:
        if len(_LEAVES) > 20_000:  # a long-lived process that loads many rulebooks
            _LEAVES.clear()
        ((op, operand),) = condition.operators().items()
        entry = _LEAVES[id(condition)] = (condition, op, operand)
    return entry[1], entry[2]


def compare(op: str, value: Any, operand: Any) -> bool:
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


def outcome(rule: Rule, reading: Reading) -> tuple[Outcome, str | None]:
    """The outcome of a rule, with the reason for not_applicable or unknown."""
    if rule.applies_if is not None:
        applies = truth(rule.applies_if, reading)
        if applies is False:
            return "not_applicable", rule.not_applicable_reason or "the rule's applicability condition is false"
        if applies is None:
            return "unknown", "whether the rule applies is unknown"
    met = truth(rule.met, reading)
    if met is True:
        return "met", None
    if met is None:
        # Unknown stays unknown, but say when the weaker standard is already established.
        if rule.partially_met is not None and truth(rule.partially_met, reading) is True:
            return "unknown", "at least partially met; facts needed to decide whether it is fully met are unknown"
        return "unknown", "facts needed to decide are unknown"
    if rule.partially_met is None:
        return "not_met", None
    partial = truth(rule.partially_met, reading)
    if partial is True:
        return "partially_met", None
    if partial is None:
        return "unknown", "facts needed to decide between partially met and not met are unknown"
    return "not_met", None


def evaluate(rule: Rule, profile: Profile, day: dt.date, instruments: Mapping[str, Instrument]) -> Finding:
    """One finding: outcome, the obligation as the cited instruments bind the jurisdiction on ``day``,
    evidence and missing facts.

    ``instruments`` is the catalogue the citations name (:mod:`~trafficking_audit.engine.binding` reads
    their dates). A rule none of whose cited provisions existed on ``day`` is not applicable, and its
    finding keeps every citation so the report still says what it is about; otherwise the finding lists
    only the citations that existed on ``day``.
    """
    bound = obligations(rule, instruments, profile, day)
    reading = Reading(profile, day)
    status, reason = outcome(rule, reading)
    if not bound.any_existed:
        # The facts are still read and shown (what the law said), but nothing was missing for a standard
        # that did not exist yet.
        status, reason = "not_applicable", bound.basis
        reading.missing.clear()
    return Finding(
        rule=rule.id,
        title=rule.title,
        status=status,
        pillar=rule.pillar,
        severity=rule.severity,
        obligation=bound.obligation,
        binding=bool(bound.binding),
        binding_citations=bound.binding,
        obligation_basis=bound.basis,
        citations=bound.existing if bound.any_existed else list(rule.citations),
        evidence=list(reading.evidence.values()),  # evaluation order: the first leaf comes first
        missing=sorted(reading.missing),
        reason=reason,
    )
