"""Choosing which rules an audit runs: by instrument (``--standard``), id, or exclusion."""

from __future__ import annotations

from collections.abc import Sequence

from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.models.rule import Rule


def select_rules(
    book: Rulebook,
    standards: Sequence[str] = (),
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
) -> list[Rule]:
    """The rules to run, in rulebook order. Unknown ids or instruments are usage errors."""
    for instrument in standards:
        if instrument not in book.instruments:
            known = ", ".join(sorted(book.instruments))
            raise InputError(f"--standard {instrument}: unknown instrument (known: {known})", code="usage")
    for rule_id in [*only, *skip]:
        book.get(rule_id)  # raises with suggestions
    rules = book.rules
    if standards:
        rules = [r for r in rules if any(c.instrument in standards for c in r.citations)]
    if only:
        rules = [r for r in rules if r.id in only]
    if skip:
        rules = [r for r in rules if r.id not in skip]
    if not rules:
        raise InputError("no rule is left after the selection options", code="usage")
    return rules
