"""What an edit of a profile does to its audit: the findings it changes, and why.

Given two versions of one profile (at a base revision and now), evaluate every
rule on both with the same rulebook and the same date, and keep the findings whose
outcome differs, each with the facts it read whose value changed and the sources
of the new value. Using the current rulebook for both sides isolates the effect of
the profile edit from any change to the rules. Pure: models in, changes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from trafficking_audit.check.profiles import fact_loc
from trafficking_audit.engine.diff import change, comparable
from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.engine.recommend import source_refs
from trafficking_audit.load.yamlsource import Document
from trafficking_audit.models.check import FactEdit, FindingChange
from trafficking_audit.models.facts import Fact, history, select
from trafficking_audit.models.paths import read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Instrument, Rule


def is_regression(before: str, after: str) -> bool:
    """True when an outcome got worse on the met > partially_met > not_met scale."""
    return change(before, after) == "worse"  # type: ignore[arg-type]


def changed_findings(
    before: Profile,
    after: Profile,
    document: Document,
    rules: Sequence[Rule],
    day: dt.date,
    instruments: Mapping[str, Instrument],
) -> list[FindingChange]:
    """The findings that differ between two versions of a profile, in rulebook order.

    ``document`` is the parsed current version, used to point each change at the
    line of the first fact behind it.
    """
    changes = []
    for rule in rules:
        old, new = evaluate(rule, before, day, instruments), evaluate(rule, after, day, instruments)
        if old.status == new.status:
            continue
        read_paths = sorted({e.fact for e in (*old.evidence, *new.evidence)} | {*old.missing, *new.missing})
        facts = [change for path in read_paths if (change := fact_edit(path, before, after, day))]
        line, col = 1, 1
        if facts:
            position = document.position(_location(document, after, facts[0].fact, day))
            line, col = position.line or 1, position.column or 1
        changes.append(
            FindingChange(
                path=document.path,
                line=line,
                col=col,
                jurisdiction=after.id,
                rule=rule.id,
                title=rule.title,
                severity=rule.severity,
                before=old.status,
                after=new.status,
                regression=is_regression(old.status, new.status),
                facts=facts,
            )
        )
    return changes


def fact_edit(path: str, before: Profile, after: Profile, day: dt.date) -> FactEdit | None:
    """How the value of ``path`` on ``day`` changed, or None when it did not."""
    old, new = select(read(before, path), day), select(read(after, path), day)
    if comparable(old) == comparable(new):  # the same test as `audit diff`: reordering a list is no change
        return None
    shown, profile = (new, after) if new is not None and new.sources else (old, before)
    return FactEdit(
        fact=path,
        before=_value(old),
        after=_value(new),
        provision=new.provision if new is not None else None,
        sources=source_refs(profile, shown.sources) if shown is not None else [],
    )


def _value(fact: Fact[Any] | None) -> Any:
    if fact is None or fact.is_unknown:
        return None
    return list(fact.value) if isinstance(fact.value, (list, tuple)) else fact.value


def _location(document: Document, profile: Profile, path: str, day: dt.date) -> tuple[str | int, ...]:
    field = read(profile, path)
    chosen = select(field, day)
    entries = history(field)
    index = entries.index(chosen) if chosen is not None else 0
    return fact_loc(document, path, index)
