"""Checks of rule files, the instrument catalogue and the rulebook header.

The loader stops at the first problem of the whole rulebook; a contributor who
edits three rules wants to see every broken one at once. So this module validates
each rule file on its own, checks each rule against the profile schema and the
catalogue on its own (the loader's ``check_rule``, one problem per rule at most),
finds duplicate ids across files, and runs the examples of every rule that
passed. Pure: parsed documents in, problems out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from trafficking_audit.check.problems import at, from_error
from trafficking_audit.check.profiles import url_problem
from trafficking_audit.engine.coverage import uncovered
from trafficking_audit.engine.examples import possible_outcomes, run_examples
from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook, check_rule
from trafficking_audit.load.provisions import provision_problems
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import Document
from trafficking_audit.models.check import Problem
from trafficking_audit.models.provisions import ProvisionCatalogue
from trafficking_audit.models.rule import Instrument, InstrumentCatalogue, Rule, RulebookHeader, RuleFile


class AnyInstrument(dict[str, Instrument]):
    """Stands in for a catalogue that failed to load, so rules are not blamed for its errors."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> Instrument:
        # Undated guidance: every citation exists and binds no one, so examples still run on their facts.
        return Instrument(id="unknown", title=key, short=key, kind="guidance")


def check_header(doc: Document) -> list[Problem]:
    """``rulebook.yaml``: schema only."""
    try:
        validate(RulebookHeader, doc)
    except InputError as exc:
        return from_error(exc, doc.path)
    return []


def check_catalogue(doc: Document) -> tuple[list[Problem], dict[str, Instrument] | None]:
    """``instruments.yaml``: schema, duplicate ids and URLs; returns the instruments when it is valid."""
    try:
        catalogue = validate(InstrumentCatalogue, doc)
    except InputError as exc:
        return from_error(exc, doc.path), None
    problems = []
    instruments: dict[str, Instrument] = {}
    for index, instrument in enumerate(catalogue.instruments):
        loc = ("instruments", index)
        if instrument.id in instruments:
            problems.append(
                at(doc.position(loc + ("id",)), f"duplicate instrument id '{instrument.id}'", "duplicate-instrument")
            )
        instruments.setdefault(instrument.id, instrument)
        if instrument.url is not None and (reason := url_problem(instrument.url)):
            problems.append(at(doc.position(loc + ("url",)), f"instrument '{instrument.id}': {reason}", "bad-url"))
    return problems, instruments


def check_rule_files(
    documents: list[Document],
    instruments: Mapping[str, Instrument] | None,
    elsewhere: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem of these rule files.

    ``instruments`` is the catalogue (None when it could not be loaded: citations are
    then not checked); ``elsewhere`` maps the rule ids of rule files not being
    checked to their file, so a new rule that reuses an existing id is caught even
    when only the edited file is checked (as pre-commit does).
    """
    catalogue = dict(instruments) if instruments is not None else AnyInstrument()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    book = Rulebook("check", "check", catalogue, [])
    for doc in documents:
        try:
            rule_file = validate(RuleFile, doc)
        except InputError as exc:
            problems.extend(from_error(exc, doc.path))
            continue
        book.documents[doc.path] = doc
        for index, rule in enumerate(rule_file.rules):
            found = list(_rule_problems(rule, doc, index, catalogue))
            problems.extend(found)
            first = seen.get(rule.id) or (elsewhere or {}).get(rule.id)
            if first is not None:
                problems.append(
                    at(
                        doc.position(("rules", index, "id")),
                        f"duplicate rule id '{rule.id}' (also in {first})",
                        "duplicate-rule",
                    )
                )
                continue
            seen[rule.id] = f"{doc.path}:{doc.position(('rules', index, 'id')).line}"
            if not any(p.level == "error" for p in found):
                book.rules.append(rule)
                book.rule_files[rule.id] = doc.path
    problems.extend(example_problems(book))
    return problems


def _rule_problems(rule: Rule, doc: Document, index: int, catalogue: dict[str, Instrument]) -> Iterator[Problem]:
    loc = ("rules", index)
    try:
        check_rule(rule, doc, loc, catalogue)
    except InputError as exc:
        yield from from_error(exc, doc.path)
    # Imported when rule files are checked: checking a profile alone does not load the template language.
    from trafficking_audit.engine.recommend import check_template

    message = check_template(rule)
    if message is not None:
        yield at(doc.position(loc + ("recommendation",)), message, "bad-template")
    shown = {example.expect for example in rule.examples}
    lacking = [outcome for outcome in possible_outcomes(rule) if outcome not in shown]
    if lacking:
        yield at(
            doc.position(loc + ("id",)),
            f"rule '{rule.id}' has no example that expects {' or '.join(lacking)}",
            "example-coverage",
        )


def example_problems(book: Rulebook) -> Iterator[Problem]:
    """A problem for every example whose outcome is not the one it expects."""
    for result in run_examples(book):
        if result.passed:
            continue
        if result.error is not None:
            yield at(
                result.position, f"rule '{result.rule}', example '{result.name}': {result.error}", "example-invalid"
            )
        else:
            yield at(
                result.position,
                f"rule '{result.rule}', example '{result.name}': expected {result.expect}, got {result.actual}",
                "example-failed",
            )


def rule_ids(data: Any) -> list[str]:
    """The rule ids a parsed rule file declares, valid or not (for duplicate checks against it)."""
    rules = data.get("rules") if isinstance(data, dict) else None
    return [r["id"] for r in rules or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]


def check_provision_file(doc: Document, book: Rulebook | None) -> list[Problem]:
    """``provisions.yaml``: schema; instruments, rule ids and citations against ``book`` (None when the rules do not
    load: their own problems are reported); a warning for each mandatory provision with neither a rule nor a reason."""
    try:
        catalogue = validate(ProvisionCatalogue, doc)
    except InputError as exc:
        return from_error(exc, doc.path)
    problems = (
        [p for exc in provision_problems(catalogue, doc, book) for p in from_error(exc, doc.path)] if book else []
    )
    for index, provision in uncovered(catalogue):
        problems.append(
            at(
                doc.position(("provisions", index, "article")),
                f"{provision.instrument} {provision.article} is mandatory ({provision.wording}) but has neither "
                "`rules` nor a `not_assessed` reason",
                "uncovered-provision",
            )
        )
    return problems
