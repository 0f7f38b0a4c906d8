"""Loading ``rules/provisions.yaml``: the treaties' provisions and the rules that assess each one.

The file is read only by the commands that need it (``audit rules coverage``, ``audit check``), not by
every audit, so a run does not pay for it. What it claims is checked against the rulebook: every
instrument exists, no provision is listed twice, every rule id exists, and every rule listed as
assessing a provision cites that provision (or the article that holds it), so the coverage cannot
claim more than the rules do. Each failure is an :class:`~trafficking_audit.errors.InputError` at
the line of the offending value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from trafficking_audit.errors import InputError, InputErrors
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import Document, load_yaml
from trafficking_audit.models.provisions import ProvisionCatalogue, overlaps

PROVISIONS_FILE = "provisions.yaml"


def load_provisions(rules_dir: Path, book: Rulebook) -> ProvisionCatalogue | None:
    """The provisions of ``rules_dir/provisions.yaml`` checked against ``book``; None when there is no such file."""
    path = rules_dir / PROVISIONS_FILE
    if not path.is_file():
        return None
    doc = load_yaml(path)
    catalogue = validate(ProvisionCatalogue, doc)
    problems = provision_problems(catalogue, doc, book)
    if problems:
        raise InputErrors(problems)
    return catalogue


def provision_problems(catalogue: ProvisionCatalogue, doc: Document, book: Rulebook) -> list[InputError]:
    """A positioned error for every claim of the file that the rulebook does not bear out, in file order."""
    return list(_problems(catalogue, doc, book))


def _problems(catalogue: ProvisionCatalogue, doc: Document, book: Rulebook) -> Iterator[InputError]:
    seen: dict[tuple[str, str], int] = {}
    rules = {rule.id: rule for rule in book.rules}
    for index, provision in enumerate(catalogue.provisions):
        loc = ("provisions", index)
        if provision.instrument not in book.instruments:
            known = ", ".join(sorted(book.instruments))
            yield InputError(
                f"unknown instrument '{provision.instrument}' (known: {known})",
                doc.position(loc + ("instrument",)),
                code="unknown-instrument",
            )
            continue
        key = (provision.instrument, provision.article)
        if key in seen:
            yield InputError(
                f"{provision.instrument} {provision.article} is listed twice (also provision {seen[key] + 1})",
                doc.position(loc + ("article",)),
                code="duplicate-provision",
            )
            continue
        seen[key] = index
        for position, rule_id in enumerate(provision.rules):
            rule = rules.get(rule_id)
            if rule is None:
                import difflib

                close = difflib.get_close_matches(rule_id, list(rules), n=3)
                hint = f" (did you mean: {', '.join(close)}?)" if close else ""
                yield InputError(
                    f"{provision.instrument} {provision.article}: no rule with id '{rule_id}'{hint}",
                    doc.position(loc + ("rules", position)),
                    code="unknown-rule",
                )
                continue
            if not any(
                c.instrument == provision.instrument and overlaps(provision.article, c.article) for c in rule.citations
            ):
                yield InputError(
                    f"{provision.instrument} {provision.article}: rule '{rule_id}' does not cite it "
                    f"(add the citation to the rule, or remove the rule from this provision)",
                    doc.position(loc + ("rules", position)),
                    code="rule-does-not-cite",
                )
