"""Rule conditions in plain words, for rule pages in every format.

A rule's ``met``, ``partially_met``, ``applies_if`` and ``binding_if`` conditions are
trees of all/any/not over fact comparisons. Readers of ``audit rules show`` and of
``docs/rules.md`` should not have to read YAML, so each tree is written out as a
sentence (``all of: `offence.means_role` is constituent; `offence.means` contains
force, coercion``). The caller passes how to mark a fact path and how to escape
plain text, so the same words serve the terminal and Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from trafficking_audit.models.rule import Condition, Rule
from trafficking_audit.models.wording import value_text

Marker = Callable[[str], str]

# The fixed sections of a rule page, in order (as ruff's rule pages have fixed sections).
RULE_SECTIONS = (
    "What it checks",
    "Why it matters",
    "Standards",
    "Who it binds",
    "How the outcome is decided",
    "Recommendation",
    "Example",
)

OBLIGATION_WORDS = {"mandatory": "mandatory", "should": "a should-standard", "good-practice": "good practice"}
_PHRASES = {
    "is": "is {}",
    "is_not": "is not {}",
    "in": "is one of {}",
    "gte": "is at least {}",
    "lte": "is at most {}",
    "contains": "contains {}",
    "contains_any": "contains any of {}",
}


def _plain(text: str) -> str:
    return text


def describe(condition: Condition, code: Marker = _plain, text: Marker = _plain) -> str:
    """The condition as one sentence; nested all/any/not groups go in parentheses."""
    if condition.all is not None:
        return "all of: " + "; ".join(_part(c, code, text) for c in condition.all)
    if condition.any is not None:
        return "any of: " + "; ".join(_part(c, code, text) for c in condition.any)
    if condition.not_ is not None:
        return "not " + _part(condition.not_, code, text, always=True)
    assert condition.fact is not None  # guaranteed by the Condition model
    ((op, operand),) = condition.operators().items()
    return f"{code(condition.fact)} {_PHRASES[op].format(text(value_text(operand)))}"


def _part(condition: Condition, code: Marker, text: Marker, always: bool = False) -> str:
    sentence = describe(condition, code, text)
    grouped = always or condition.all is not None or condition.any is not None
    return f"({sentence})" if grouped else sentence


def binding_lines(rule: Rule, code: Marker = _plain, text: Marker = _plain) -> list[str]:
    """Who the standard binds, and when the rule applies at all."""
    obligation = OBLIGATION_WORDS[rule.obligation]
    if rule.binding_if is None or rule.obligation == "good-practice":
        lines = [f"The standard is {obligation} for every jurisdiction."]
    else:
        lines = [
            f"The standard is {obligation} where {describe(rule.binding_if, code, text)}.",
            "For every other jurisdiction it is good practice.",
        ]
    if rule.applies_if is not None:
        reason = text(rule.not_applicable_reason or "its applicability condition is false")
        lines.append(f"The rule applies only where {describe(rule.applies_if, code, text)}.")
        lines.append(f"Elsewhere it is not applicable: {reason}.")
    return lines


def decision_lines(rule: Rule, code: Marker = _plain, text: Marker = _plain) -> list[str]:
    """How the outcome is decided, one outcome per line, in the order the engine tries them."""
    lines = []
    if rule.applies_if is not None:
        lines.append(f"Not applicable unless {describe(rule.applies_if, code, text)}.")
    lines.append(f"Met when {describe(rule.met, code, text)}.")
    if rule.partially_met is not None:
        lines.append(f"Otherwise partially met when {describe(rule.partially_met, code, text)}.")
    lines.append("Otherwise not met.")
    lines.append(
        "Unknown when a fact needed to decide is absent or recorded as unknown: an unknown is never read as not met."
    )
    return lines
