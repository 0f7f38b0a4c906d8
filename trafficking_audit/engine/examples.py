"""Running every rule's examples: the rulebook tests itself, like ``conftest verify``.

Each example in a rule file is a flat map of dotted fact paths to plain values and
the outcome the rule must give. We turn it into a small profile (every other fact
unknown), validate it through the :class:`~trafficking_audit.models.profile.Profile`
model so a bad value is reported at its line in the rule file, evaluate the rule
as the audit does, and compare. A mismatch names the rule, the example and both
outcomes, so a change to a rule's condition that breaks its own examples fails CI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.validation import to_input_error
from trafficking_audit.load.yamlsource import Document, PathKey
from trafficking_audit.models.examples import EXAMPLE_DAY, ExampleGap, ExampleResult, RuleTestReport
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import Rule
from trafficking_audit.models.vocabulary import OUTCOMES, Outcome

EXAMPLE_IDENTITY: dict[str, Any] = {
    "id": "example",
    "name": "Example",
    "iso2": "XX",
    "iso3": "XXX",
    "last_reviewed": EXAMPLE_DAY,
}
# Outcomes every rule's examples must show; partially_met and not_applicable are added
# for rules that can give them (a `partially_met` or an `applies_if` condition).
REQUIRED_OUTCOMES: tuple[Outcome, ...] = ("met", "not_met", "unknown")


def facts_tree(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Nest a flat ``{dotted.path: value}`` map as profile data, each value as ``{"value": v}``."""
    tree: dict[str, Any] = {}
    for path, value in facts.items():
        *sections, name = path.split(".")
        node = tree
        for section in sections:
            node = node.setdefault(section, {})
        node[name] = {"value": value}
    return tree


def example_profile(book: Rulebook, rule: Rule, index: int) -> Profile:
    """The profile of one example, validated; a bad value is an InputError at its line in the rule file."""
    checked = _checked_profile(book, rule, index)
    if isinstance(checked, InputError):
        name = rule.examples[index].name
        raise InputError(f"rule '{rule.id}', example '{name}': {checked.message}", checked.position, checked.code)
    return checked


def _checked_profile(book: Rulebook, rule: Rule, index: int) -> Profile | InputError:
    example = rule.examples[index]
    data = {**EXAMPLE_IDENTITY, **facts_tree(example.facts)}
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        # Point the synthetic profile's paths at the example's fact keys in the rule file.
        document, loc = book.location(rule.id)
        positions: dict[PathKey, tuple[int, int]] = {}
        for path in example.facts:
            where = document.position(loc + ("examples", index, "facts", path))
            key = tuple(path.split("."))
            positions[key] = positions[key + ("value",)] = (where.line or 1, where.column or 1)
        error = to_input_error(exc, Document(document.path, data, positions))
        return InputError(error.message, error.position, code="example-invalid")


def run_examples(book: Rulebook, rules: Sequence[Rule] | None = None) -> list[ExampleResult]:
    """Run the examples of ``rules`` (default: every rule); an invalid example is a result with ``error``."""
    results: list[ExampleResult] = []
    for rule in book.rules if rules is None else rules:
        document, loc = book.location(rule.id)
        for index, example in enumerate(rule.examples):
            where = document.position(loc + ("examples", index))
            actual: Outcome | None = None
            error = None
            checked = _checked_profile(book, rule, index)
            if isinstance(checked, InputError):
                error, where = checked.message, checked.position or where
            else:
                actual = evaluate(rule, checked, example.as_of or EXAMPLE_DAY, book.instruments).status
            results.append(
                ExampleResult(
                    rule=rule.id,
                    name=example.name,
                    index=index,
                    path=where.path,
                    line=where.line or 1,
                    col=where.column or 1,
                    expect=example.expect,
                    actual=actual,
                    error=error,
                )
            )
    return results


def run_rule_tests(book: Rulebook, rules: Sequence[Rule] | None = None) -> RuleTestReport:
    """The report of ``audit rules test``: every example's result and the outcomes examples do not show."""
    chosen = list(book.rules if rules is None else rules)
    gaps: list[ExampleGap] = []
    for rule in chosen:
        missing = [o for o in possible_outcomes(rule) if o not in {e.expect for e in rule.examples}]
        if missing:
            document, loc = book.location(rule.id)
            where = document.position(loc + ("id",))
            gaps.append(
                ExampleGap(rule=rule.id, path=where.path, line=where.line or 1, col=where.column or 1, missing=missing)
            )
    return RuleTestReport(
        rulebook_version=book.version, rules=len(chosen), results=run_examples(book, chosen), gaps=gaps
    )


def possible_outcomes(rule: Rule) -> list[Outcome]:
    """The outcomes a rule can give, which its examples should each show, in the canonical order."""
    wanted = set(REQUIRED_OUTCOMES)
    if rule.partially_met is not None:
        wanted.add("partially_met")
    if rule.applies_if is not None:
        wanted.add("not_applicable")
    return [o for o in OUTCOMES if o in wanted]
