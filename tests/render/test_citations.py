"""Citations name each instrument's parts as it names them, in every rendered report and golden file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trafficking_audit.models.result import Audit
from trafficking_audit.render import render
from trafficking_audit.render.citations import cite

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 28)  # the date of the committed reports
FORBIDDEN = ("art. whole", "art. R.", "TVPA art.", "Recommendations Recommendation")


@pytest.mark.parametrize(
    ("short", "parts", "article", "expected"),
    [
        ("TVPA", "section", "108(a)(2)", "TVPA § 108(a)(2)"),
        ("FATF", "recommendation", "3", "FATF Recommendation 3"),
        ("OSCE NRM Handbook", "document", "2nd ed., 2022", "OSCE NRM Handbook (2nd ed., 2022)"),
        ("Palermo Protocol", "article", "3(a)", "Palermo Protocol Art. 3(a)"),
        ("ILO C081", "article", "1, 2(1), 3(1)(a)", "ILO C081 Arts 1, 2(1), 3(1)(a)"),
        ("UNODC Model Provisions", "chapter", "Introduction", "UNODC Model Provisions, Introduction"),
    ],
)
def test_cite_names_parts_as_the_instrument_does(short: str, parts: str, article: str, expected: str) -> None:
    assert cite(short, parts, article) == expected  # type: ignore[arg-type]


def test_every_bundled_instrument_cited_renders_without_a_misnamed_part(session) -> None:
    book = session.rulebook
    for rule in book.rules:
        for c in rule.citations:
            text = cite(book.instruments[c.instrument].short, book.instruments[c.instrument].parts, c.article)
            assert not any(bad in text for bad in FORBIDDEN), (rule.id, text)


@pytest.fixture(scope="module")
def audits(session) -> list[Audit]:
    """Every bundled profile's audit on DAY, made once for the four formats (frozen models: read, not changed)."""
    return [session.audit(loaded, session.rulebook.rules, DAY) for loaded in session.profiles.all()]


@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_rendered_reports_of_every_bundled_profile_name_parts_correctly(audits: list[Audit], fmt: str) -> None:
    assert len(audits) == len(list((ROOT / "jurisdictions").glob("*.yaml")))
    for audit in audits:
        text = render(fmt, audit)
        assert not any(bad in text for bad in FORBIDDEN), (audit.jurisdiction.id, fmt)


def test_no_committed_report_golden_or_doc_contains_a_misnamed_part() -> None:
    files = [*(ROOT / "reports").iterdir(), *(ROOT / "tests" / "golden").iterdir(), ROOT / "docs" / "rules.md"]
    offending = [
        (f.name, bad) for f in files if f.is_file() for bad in FORBIDDEN if bad in f.read_text(encoding="utf-8")
    ]
    assert not offending
    kazakhstan = (ROOT / "reports" / "kazakhstan.md").read_text(encoding="utf-8")
    assert "TVPA § 108(a)(2)" in kazakhstan and "OSCE NRM Handbook (2nd ed., 2022)" in kazakhstan
