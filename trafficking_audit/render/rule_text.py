"""Rule conditions in plain words, for rule pages in every format.

A rule's ``met``, ``partially_met`` and ``applies_if`` conditions are
trees of all/any/not over fact comparisons. Readers of ``audit rules show`` and of
``docs/rules.md`` should not have to read YAML, so each tree is written out as a
sentence (``all of: `offence.means_role` is constituent; `offence.means` contains
force, coercion``). The caller passes how to mark a fact path and how to escape
plain text, so the same words serve the terminal and Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from trafficking_audit.models.language import N_
from trafficking_audit.models.rule import Condition, Instrument, Rule
from trafficking_audit.models.wording import value_text
from trafficking_audit.render.citations import cite

Marker = Callable[[str], str]

# The fixed sections of a rule page, in order (as ruff's rule pages have fixed sections).
RULE_SECTIONS = (  # gettext messages: a renderer shows them in its language
    N_("What it checks"),
    N_("Why it matters"),
    N_("Standards"),
    N_("Who it binds"),
    N_("How the outcome is decided"),
    N_("Recommendation"),
    N_("Example"),
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


def binding_lines(
    rule: Rule, instruments: Mapping[str, Instrument], code: Marker = _plain, text: Marker = _plain
) -> list[str]:
    """Who the standard binds and from when (as the engine derives it from the citations), and when the rule
    applies at all. ``instruments``: the instruments the rule cites, amending ones included, by id."""
    lines = []
    for (instrument_id, inserted_by), articles in _articles_by_maker(rule).items():
        instrument = instruments[instrument_id]
        made_by = instruments[inserted_by] if inserted_by else instrument
        named = cite(instrument.short, instrument.parts, ", ".join(articles))
        lines.append(f"{text(named)}: {_who(instrument, made_by, text)}.")
    cap = OBLIGATION_WORDS[rule.obligation]
    lines.append(
        "The obligation for a jurisdiction on a date is the strongest among the provisions that bind it then "
        f"(at most {cap}); good practice where none binds; not applicable before any cited provision existed."
    )
    if rule.applies_if is not None:
        reason = text(rule.not_applicable_reason or "its applicability condition is false")
        lines.append(f"The rule applies only where {describe(rule.applies_if, code, text)}.")
        lines.append(f"Elsewhere it is not applicable: {reason}.")
    return lines


def _articles_by_maker(rule: Rule) -> dict[tuple[str, str | None], list[str]]:
    """The cited articles grouped by instrument, and by amending instrument when one inserted them."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for c in rule.citations:
        groups.setdefault((c.instrument, c.inserted_by), []).append(c.article)
    return groups


def _who(instrument: Instrument, made_by: Instrument, text: Marker) -> str:
    """Whom one instrument's provisions bind, and from when, in words."""
    if instrument.kind in ("treaty", "ilo-convention"):
        since = f" (in force since {instrument.in_force.isoformat()})" if instrument.in_force else " (not yet in force)"
        return f"binds each party from the date the treaty is in force for it{since}"
    if instrument.kind == "eu-law":
        inserted = f", inserted by {text(made_by.short)}" if made_by is not instrument else ""
        exists = f" from {made_by.in_force.isoformat()}" if made_by.in_force else ""
        deadline = made_by.transposition_deadline
        due = f" once the transposition deadline of {deadline.isoformat()} has passed" if deadline else ""
        return f"in force{exists}{inserted}; binds each EU Member State{due}"
    return "binds no state; a yardstick whatever the jurisdiction"


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
