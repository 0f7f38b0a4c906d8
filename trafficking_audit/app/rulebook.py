"""What users read about the rulebook: the filtered rule list, a rule's page, the full reference.

Builds the result models of :mod:`trafficking_audit.models.rulebook` from a loaded
:class:`~trafficking_audit.load.loader.Rulebook`; the renderers only format them. Filters
name a pillar or an instrument id; an unknown one is a usage error listing the
known values, as ``--standard`` in ``audit run`` does.
"""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.engine.coverage import coverage
from trafficking_audit.engine.recommend import VERBS
from trafficking_audit.errors import InputError, display_path
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.provisions import PROVISIONS_FILE, load_provisions
from trafficking_audit.models.elements import TAXONOMY
from trafficking_audit.models.provisions import CoverageReport
from trafficking_audit.models.rule import Rule
from trafficking_audit.models.rulebook import ElementCover, RulebookDocs, RuleEntry, RuleList, RulePage
from trafficking_audit.models.vocabulary import PILLARS


def rule_file(book: Rulebook, rule_id: str) -> str:
    """The rule's file as ``rules/<name>.yaml``: the same wherever the command runs."""
    return f"rules/{Path(book.rule_files[rule_id]).name}"


def rule_list(book: Rulebook, pillar: str | None = None, instrument: str | None = None) -> RuleList:
    """The rules of one pillar and/or citing one instrument (all by default), in rulebook order."""
    if pillar is not None and pillar not in PILLARS:
        raise InputError(f"--pillar {pillar}: expected one of {', '.join(PILLARS)}", code="usage")
    if instrument is not None and instrument not in book.instruments:
        known = ", ".join(sorted(book.instruments))
        raise InputError(f"--instrument {instrument}: unknown instrument (known: {known})", code="usage")
    rules = [
        rule
        for rule in book.rules
        if (pillar is None or rule.pillar == pillar)
        and (instrument is None or any(c.instrument == instrument for c in rule.citations))
    ]
    return RuleList(rulebook_version=book.version, rules=[_entry(book, rule) for rule in rules])


def _entry(book: Rulebook, rule: Rule) -> RuleEntry:
    return RuleEntry(
        id=rule.id,
        title=rule.title,
        pillar=rule.pillar,
        severity=rule.severity,
        obligation=rule.obligation,
        file=rule_file(book, rule.id),
        citations=list(rule.citations),
    )


def rule_page(book: Rulebook, rule_id: str) -> RulePage:
    """The page of one rule; an unknown id is a usage error suggesting close ids."""
    rule = book.get(rule_id)
    cited = {c.instrument: book.instruments[c.instrument] for c in rule.citations}
    cited.update({c.inserted_by: book.instruments[c.inserted_by] for c in rule.citations if c.inserted_by})
    return RulePage(
        rule=rule,
        file=rule_file(book, rule.id),
        instruments=cited,
        verb=VERBS[rule.obligation],
        rulebook_version=book.version,
    )


def rulebook_docs(book: Rulebook) -> RulebookDocs:
    """The whole rulebook as one reference: instruments and every rule's page."""
    return RulebookDocs(
        title=book.title,
        rulebook_version=book.version,
        index=rule_list(book).rules,
        instruments=list(book.instruments.values()),
        pages=[rule_page(book, rule.id) for rule in book.rules],
        taxonomy=[
            ElementCover(vocabulary=vocabulary, broader=entry.broader, narrower=list(entry.narrower), basis=entry.basis)
            for vocabulary, entries in TAXONOMY.items()
            for entry in entries
        ],
    )


def rule_coverage(rules_dir: Path, book: Rulebook, instrument: str | None = None) -> CoverageReport:
    """Provision -> rules for the treaties ``rules_dir/provisions.yaml`` lists (one instrument when asked)."""
    if instrument is not None and instrument not in book.instruments:
        known = ", ".join(sorted(book.instruments))
        raise InputError(f"--instrument {instrument}: unknown instrument (known: {known})", code="usage")
    catalogue = load_provisions(rules_dir, book)
    if catalogue is None:
        shown = display_path(rules_dir / PROVISIONS_FILE)
        raise InputError(f"{shown}: no such file; coverage reads the provisions listed there", code="usage")
    return coverage(book, catalogue, instrument)
