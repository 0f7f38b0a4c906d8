"""Semantic profile checks: every problem of a valid profile at once, and the edge cases of each check."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trafficking_audit.check.profiles import check_profile, cited_sources, source_references, url_problem
from trafficking_audit.load.loader import LoadedProfile
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import parse_yaml
from trafficking_audit.models.profile import Profile

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 1, 1)
HEAD = """\
id: fixture
name: Fixture State (test data)
iso2: AQ
iso3: ATA
last_reviewed: 2025-01-01
sources:
  - {id: record, title: Treaty record, kind: treaty_record}
"""


def problems(body: str, path: str = "fixture.yaml", instruments=None) -> list[tuple[str, int, int]]:
    doc = parse_yaml(HEAD + body, path)
    found = check_profile(LoadedProfile(validate(Profile, doc), doc), TODAY, instruments)
    return sorted((p.code, p.line, p.col) for p in found)


def codes(body: str, **kwargs) -> list[str]:
    return [code for code, _, _ in problems(body, **kwargs)]


def test_every_problem_of_a_valid_file_is_reported_at_once():
    body = """\
  - {id: spare, title: Never cited, kind: news, url: "ftp://example.org/x", accessed: 2030-01-01}
offence:
  exists: {value: true, sources: [record, missing-one]}
  freezing: {value: false}
  means_role:
    - {value: aggravating_only, sources: [record]}
    - {value: constituent, valid_from: 2024-01-01, sources: [record]}
"""
    assert problems(body, path="other-name.yaml") == [
        ("accessed-in-future", 8, 77),
        ("bad-url", 8, 49),
        ("id-mismatch", 1, 1),
        ("period-overlap", 14, 28),
        ("unknown-source", 10, 43),
        ("unsourced-fact", 11, 3),
        ("unused-source", 8, 6),
    ]


def test_unknown_values_need_no_source_and_dated_neighbours_do_not_overlap():
    body = """\
offence:
  exists: {value: unknown}
  means_role:
    - {value: aggravating_only, valid_to: 2023-12-31, sources: [record]}
    - {value: constituent, valid_from: 2024-01-01, sources: [record]}
"""
    assert codes(body) == []


@pytest.mark.parametrize("untoc", ["{value: unknown}", "{value: party, sources: [record]}"])
def test_protocol_party_is_fine_when_untoc_is_party_or_unknown(untoc: str):
    body = (
        f"treaties:\n  untoc:\n    status: {untoc}\n"
        "  palermo-protocol:\n    status: {value: party, sources: [record]}\n"
    )
    assert codes(body) == []


def test_protocol_party_without_untoc_record_is_not_an_error():
    body = "treaties:\n  palermo-protocol:\n    status: {value: party, sources: [record]}\n"
    assert codes(body) == []


def test_ilo_protocol_needs_the_forced_labour_convention():
    body = """\
treaties:
  ilo-c029:
    status: {value: not_signed, sources: [record]}
  ilo-p029:
    status: {value: party, sources: [record]}
"""
    assert problems(body) == [("treaty-logic", 12, 5)]


def test_withdrawal_from_untoc_later_is_caught_on_its_day():
    body = """\
treaties:
  untoc:
    status:
      - {value: party, valid_to: 2019-12-31, sources: [record]}
      - {value: withdrawn, valid_from: 2020-01-01, sources: [record]}
  palermo-protocol:
    status: {value: party, sources: [record]}
"""
    doc = parse_yaml(HEAD + body, "fixture.yaml")
    (found,) = check_profile(LoadedProfile(validate(Profile, doc), doc), TODAY)
    assert found.code == "treaty-logic"
    assert "on 2020-01-01 while untoc is 'withdrawn'" in found.message


def test_treaty_keys_are_checked_against_the_catalogue_when_given():
    body = "treaties:\n  cets-197:\n    status: {value: party, sources: [record]}\n"
    assert codes(body, instruments={"cets-197"}) == []
    assert codes(body, instruments={"untoc"}) == ["unknown-treaty"]
    assert codes(body, instruments=None) == []


def test_iso_codes_must_exist_and_agree():
    cited = "memberships:\n  eu: {value: false, sources: [record]}\n"
    assert codes(cited) == []
    doc = parse_yaml(HEAD.replace("AQ", "KZ") + cited, "fixture.yaml")
    found = check_profile(LoadedProfile(validate(Profile, doc), doc), TODAY)
    assert [p.code for p in found] == ["iso-mismatch"]
    assert "iso3 'ATA' is Antarctica, but iso2 'KZ' is Kazakhstan" in found[0].message


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://adilet.zan.kz/eng/docs/K1400000226", True),
        ("http://example.org/a?b=c#d", True),
        ("javascript:alert(1)", False),
        ("www.example.org/page", False),
        ("https://", False),
        ("https://exa mple.org", False),
        (" https://example.org", False),
        ("https://example.org:99999/", False),
        ("https://localhost/", False),
    ],
)
def test_url_problem(url: str, ok: bool):
    assert (url_problem(url) is None) is ok


URL_PIECES = st.sampled_from(
    ["http://", "https://", "HTTPS://", "ftp://", "a", "Z", "0", "-", ".", ":", "@", "[", "]", "/", "?", "#", "%", "é"]
    + [":80", ":99999", "org", "x.y", "\x01", "\u00a0", "\uff0e", "//", "user@"]
)


@given(st.lists(URL_PIECES, max_size=10).map("".join))
@settings(max_examples=400)
def test_the_fast_path_of_url_problem_answers_as_urlsplit_does(url: str) -> None:
    """A URL the fast path passes is one the full check (urlsplit) passes too; every other URL gets the full check."""
    import trafficking_audit.check.profiles as module

    fast = url_problem(url)
    pattern = module._PLAIN_URL
    module._PLAIN_URL = re.compile(r"(?!)")  # never matches: the full check alone
    try:
        assert url_problem(url) == fast
    finally:
        module._PLAIN_URL = pattern


@pytest.mark.parametrize("path", sorted((ROOT / "jurisdictions").glob("*.yaml")), ids=lambda p: p.stem)
def test_cited_sources_are_the_ids_of_every_reference(path: Path) -> None:
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    assert cited_sources(data) == {source_id for _where, source_id in source_references(data)}


def test_cited_sources_read_lists_of_ids_below_the_top_only() -> None:
    data = {
        "sources": ["defined-not-cited"],
        "a": {"sources": ["x", 3, {"sources": ["inside-a-list-item-is-not-read"]}], "b": [{"sources": ["y"]}]},
        "c": {"sources": {"sources": ["z"]}},  # not a list: walked into
    }
    assert cited_sources(data) == {"x", "y", "z"}
    assert cited_sources(data) == {source_id for _where, source_id in source_references(data)}
