"""Which unknown facts decide which rules: the research plan, computed from the rule conditions.

A rule is unknown when facts it reads are unknown or absent. Not every such fact matters: in
``any: [a is X, b is Y]`` with ``a`` already X, ``b`` changes nothing. A fact *decides* a rule
when some value of it, the other unknown facts staying unknown, turns the outcome from
``unknown`` into a known one. This is worked out by evaluating the rule again under each
candidate value of the fact (the values its schema allows, the operands the rule compares it
with, and the values next to numeric thresholds), with the same three-valued evaluation the
audit uses, so the plan cannot disagree with the audit about what a fact would do. Under
Kleene's logic an unknown stands for "either", so the answer is never a guess the evaluation
would not also make.

Pure functions, no I/O. The order of the plan: facts deciding the most severe, then most
binding, rule first (critical and mandatory before everything else, the order recommendations
follow), then those deciding more rules, then by path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trafficking_audit.engine.conditions import Reading, conditions, deciding, leaves, truth
from trafficking_audit.engine.evaluate import outcome
from trafficking_audit.models.facts import select
from trafficking_audit.models.paths import fact_description, fact_values, read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.research_plan import FactState, NeededFact, ResearchPlan, RuleDecided
from trafficking_audit.models.rule import Rule
from trafficking_audit.models.vocabulary import OBLIGATIONS, OUTCOMES, SEVERITIES, Outcome
from trafficking_audit.models.where_to_look import SECTION_HINTS

if TYPE_CHECKING:  # annotations only: `audit check` reads conditions here without building the result models
    from trafficking_audit.models.result import Audit, Finding

# Stands for "a text other than every one the rule names" among the candidates of a text fact.
OTHER_TEXT = "(any other text)"


@dataclass
class Supposing(Reading):
    """A reading of the profile in which some facts are supposed to hold the given values."""

    supposed: dict[str, Any] = field(default_factory=dict)

    def value(self, path: str) -> Any:
        """The supposed value of ``path`` when there is one, else what the profile holds."""
        if path in self.supposed:
            return self.supposed[path]
        return super().value(path)


def candidates(rule: Rule, path: str) -> list[Any]:
    """Values of ``path`` worth supposing for this rule: enough to show every outcome its conditions allow.

    Enumerations and booleans: every value. Numbers: each threshold the rule compares with, and its
    neighbours. Lists: none, all, each item alone, all but each item, and each list the rule names.
    Text: each text the rule names, and one it does not.
    """
    kind, allowed = fact_values(path)
    operands = [
        next(iter(leaf.operators().values())) for c in conditions(rule) for leaf in leaves(c) if leaf.fact == path
    ]
    if kind == "bool":
        return [True, False]
    if kind == "enum":
        return list(allowed or ())
    if kind in ("int", "number"):
        numbers = sorted({n + step for n in _flat(operands) if isinstance(n, (int, float)) for step in (-1, 0, 1)})
        return [int(n) if kind == "int" else n for n in numbers] or [0]
    if kind == "list":
        items = list(allowed) if allowed else list(dict.fromkeys([*_flat(operands), OTHER_TEXT]))
        named = [list(o) for o in operands if isinstance(o, list)]
        lists = [[], items, *([i] for i in items), *([j for j in items if j != i] for i in items), *named]
        return _unique(lists)
    return _unique([*_flat(operands), OTHER_TEXT])


def _flat(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        out.extend(value if isinstance(value, list) else [value])
    return out


def _unique(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def decided(
    rule: Rule, finding: Finding, profile: Profile, day: dt.date, path: str, jointly: bool = False
) -> RuleDecided | None:
    """What knowing ``path`` would do to an unknown rule, or None when no value of it decides the rule.

    Alone, the fact decides the rule when one of its values gives a known outcome. ``jointly`` (for a
    rule no single fact decides, e.g. met when a and b, partially met when a or b) asks the same with one
    other unknown fact of the rule supposed too; that fact is then named in ``also_needed``.
    """
    tried = candidates(rule, path)
    givens: list[dict[str, Any]] = [{}]
    if jointly:
        givens = [{other: w} for other in finding.missing if other != path for w in candidates(rule, other)]
    results: list[tuple[Any, Outcome, bool | None]] = []
    partners: list[str] = []
    for given in givens:
        trial = [_suppose(rule, profile, day, {**given, path: value}) + (value,) for value in tried]
        if all(status == "unknown" for status, _m, _v in trial):
            continue
        results += [(v, status, m) for status, m, v in trial]
        partners += [g for g in given if g not in partners]
    if not results:
        return None
    met = _unique(v for v, status, _m in results if status == "met")
    possible = _unique(v for v, status, m in results if status == "unknown" and m is not False)
    meeting = [v for v in tried if v in (met or possible)]
    met_value = _smallest(meeting)
    also = sorted(partners)
    if not met and met_value is not None:
        reading = Supposing(profile, day, supposed={path: met_value})
        # What being met still waits for: the facts the applicability and met conditions still turn on
        # (not every unknown fact they read: one in a branch already decided changes nothing).
        waiting = (p for c in (rule.applies_if, rule.met) if c is not None for p in deciding(c, reading))
        also = sorted({*also, *(p for p in waiting if p != path)})
    return RuleDecided(
        rule=rule.id,
        title=rule.title,
        pillar=rule.pillar,
        severity=rule.severity,
        obligation=finding.obligation,
        outcomes=[o for o in OUTCOMES if any(status == o for _v, status, _m in results)],
        met_value=met_value,
        met_when=_met_when(path, tried, meeting),
        also_needed=also,
    )


def _suppose(rule: Rule, profile: Profile, day: dt.date, supposed: dict[str, Any]) -> tuple[Outcome, bool | None]:
    """The rule's outcome, and the truth of its met condition, were the supposed facts to hold."""
    reading = Supposing(profile, day, supposed=supposed)
    status = outcome(rule, reading).status
    return status, truth(rule.met, reading)


def _met_when(path: str, tried: list[Any], meeting: list[Any]) -> str | None:
    """The values that meet the rule, in words: "is party", "is at least 4", "includes force, coercion"."""
    if not meeting:
        return None
    kind, _allowed = fact_values(path)
    if kind in ("int", "number") and len(meeting) < len(tried):
        if meeting == [v for v in tried if v >= min(meeting)]:
            return f"is at least {_word(min(meeting))}"
        if meeting == [v for v in tried if v <= max(meeting)]:
            return f"is at most {_word(max(meeting))}"
    if kind == "list":
        if [] in meeting:
            excluded = [v[0] for v in tried if len(v) == 1 and v not in meeting]
            return "excludes " + ", ".join(map(_word, excluded)) if excluded else "may hold any items"
        return "includes at least " + ", ".join(map(_word, _smallest(meeting)))
    if len(meeting) == 1:
        return f"is {_word(meeting[0])}"
    return "is one of " + ", ".join(map(_word, meeting))


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _smallest(values: list[Any]) -> Any:
    """The simplest of the values that meet a rule: the shortest list, else the first candidate."""
    if not values:
        return None
    return min(values, key=lambda v: len(v) if isinstance(v, list) else 0)


def state(profile: Profile, path: str, day: dt.date) -> FactState:
    """How a fact the audit could not read stands in the profile on ``day``."""
    recorded = read(profile, path)
    if recorded is None:
        return "absent"
    fact = select(recorded, day)
    return "out_of_period" if fact is None else "unknown"


def evidence_needed(
    profile: Profile, rules: Sequence[Rule], findings: Sequence[Finding], day: dt.date
) -> list[NeededFact]:
    """Every unknown or absent fact that decides at least one rule left unknown, with the rules it decides."""
    by_id = {r.id: (index, r) for index, r in enumerate(rules)}
    decisions: dict[str, list[tuple[int, RuleDecided]]] = {}
    for finding in findings:
        if finding.status != "unknown" or finding.rule not in by_id:
            continue
        index, rule = by_id[finding.rule]
        alone = {path: decided(rule, finding, profile, day, path) for path in finding.missing}
        if not any(alone.values()):  # no fact decides it alone: ask which decide it in pairs
            alone = {path: decided(rule, finding, profile, day, path, jointly=True) for path in finding.missing}
        for path, entry in alone.items():
            if entry is not None:
                decisions.setdefault(path, []).append((index, entry))
    needed = []
    for path, entries in decisions.items():
        entries.sort(key=lambda e: (_rank(e[1]), e[0]))
        needed.append(
            NeededFact(
                fact=path,
                state=state(profile, path, day),
                description=fact_description(path),
                where_to_look=SECTION_HINTS.get(path.split(".")[0], ""),
                rules=[e for _i, e in entries],
            )
        )
    return sorted(needed, key=lambda n: (_rank(n.rules[0]), -len(n.rules), n.fact))


def _rank(entry: RuleDecided) -> tuple[int, int]:
    """Most severe first, then most binding (critical and mandatory first)."""
    return SEVERITIES.index(entry.severity), OBLIGATIONS.index(entry.obligation)


def research_plan(audit: Audit) -> ResearchPlan:
    """``audit gaps``: the research plan of an audit, on its own."""
    return ResearchPlan(
        jurisdiction=audit.jurisdiction.id,
        name=audit.jurisdiction.name,
        as_of=audit.as_of,
        rulebook_version=audit.rulebook_version,
        unknown_rules=audit.scores.overall.unknown,
        evidence_needed=audit.evidence_needed,
    )
