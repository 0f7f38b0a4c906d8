"""How much of each treaty the rulebook assesses: provision -> rules, and the counts per instrument.

Pure: the loaded rulebook and provision catalogue in, a
:class:`~trafficking_audit.models.provisions.CoverageReport` out. A mandatory provision with
neither a rule nor a ``not_assessed`` reason is "uncovered": the gap the coverage test and
``audit check`` refuse. Rules that cite a provision without being listed for it are shown
beside it (``also_cited_by``), so a reader sees where a citation supports a rule without the
rule deciding whether the provision is met.
"""

from __future__ import annotations

from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.models.provisions import (
    CoverageReport,
    InstrumentCoverage,
    Provision,
    ProvisionCatalogue,
    ProvisionEntry,
    overlaps,
)


def coverage(book: Rulebook, catalogue: ProvisionCatalogue, instrument: str | None = None) -> CoverageReport:
    """The coverage of every listed provision (of one instrument when ``instrument`` is given)."""
    listed = list(dict.fromkeys(p.instrument for p in catalogue.provisions))
    if instrument is not None and instrument not in listed:
        raise InputError(
            f"--instrument {instrument}: no provisions listed for it (listed: {', '.join(listed) or 'none'})",
            code="usage",
        )
    chosen = [p for p in catalogue.provisions if instrument is None or p.instrument == instrument]
    entries = [_entry(book, p) for p in chosen]
    return CoverageReport(
        rulebook_version=book.version,
        rule_count=len(book.rules),
        instrument=instrument,
        instruments=[
            _counts(book, name, [e for e in entries if e.instrument == name])
            for name in listed
            if instrument is None or name == instrument
        ],
        provisions=entries,
    )


def uncovered(catalogue: ProvisionCatalogue) -> list[tuple[int, Provision]]:
    """(index, provision) of every mandatory provision with neither a rule nor a reason."""
    return [(i, p) for i, p in enumerate(catalogue.provisions) if p.mandatory and p.coverage == "uncovered"]


def _entry(book: Rulebook, provision: Provision) -> ProvisionEntry:
    citing = [
        rule.id
        for rule in book.rules
        if rule.id not in provision.rules
        and any(c.instrument == provision.instrument and overlaps(provision.article, c.article) for c in rule.citations)
    ]
    return ProvisionEntry(
        instrument=provision.instrument,
        article=provision.article,
        title=provision.title,
        wording=provision.wording,
        qualifier=provision.qualifier,
        strength=provision.strength,
        mandatory=provision.mandatory,
        note=provision.note,
        verified=provision.verified,
        coverage=provision.coverage,
        rules=list(provision.rules),
        not_assessed=provision.not_assessed,
        also_cited_by=citing,
    )


def _counts(book: Rulebook, instrument: str, entries: list[ProvisionEntry]) -> InstrumentCoverage:
    mandatory = [e for e in entries if e.mandatory]
    known = book.instruments.get(instrument)
    return InstrumentCoverage(
        instrument=instrument,
        short=known.short if known is not None else instrument,
        provisions=len(entries),
        mandatory=len(mandatory),
        mandatory_covered=sum(e.coverage == "covered" for e in mandatory),
        mandatory_reason=sum(e.coverage == "reason" for e in mandatory),
        mandatory_uncovered=sum(e.coverage == "uncovered" for e in mandatory),
        covered=sum(e.coverage == "covered" for e in entries),
        rules=len({r for e in entries for r in e.rules}),
    )
