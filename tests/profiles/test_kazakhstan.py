"""Kazakhstan's profile gives the outcomes its texts decide (Law No. 110-VIII, Criminal Code), on the dates they held.

Each expectation follows from a provision read in the official wording; if an edit of the profile or of a
rule changes one, the test says which rule moved and on which date.
"""

from __future__ import annotations

import json

import pytest

TODAY = "2026-11-28"


def statuses(cli, as_of: str) -> dict[str, str]:
    result = cli("run", "kazakhstan", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {f["rule"]: f["status"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize(
    ("rule", "allowed"),
    [
        ("aggravating-ict", {"not_met"}),  # CC Arts 128, 135: no ICT circumstance
        ("extraterritorial-nationality", {"not_met", "partially_met"}),  # CC Art. 8(1): double criminality
        ("reflection-period-30d", {"met", "partially_met"}),  # Law 110-VIII Art. 17(2)(12)
        ("residence-permit", {"met", "partially_met"}),  # Law 110-VIII Arts 9(6), 17(2)(11)
        ("safe-return", {"met", "partially_met", "not_met"}),  # Law 110-VIII Arts 20, 23: known
        ("independent-monitor", {"met", "partially_met"}),  # Law 110-VIII Art. 11-1 from 2026-07-01
        ("aggravating-core", {"met"}),  # CC Art. 128(2)-(4) and Art. 135
        ("consent-irrelevant", {"met"}),  # notes to CC Arts 128 and 135 (2024)
    ],
)
def test_today(cli, rule: str, allowed: set[str]) -> None:
    assert statuses(cli, TODAY)[rule] in allowed


def test_national_rapporteur_starts_on_1_july_2026(cli) -> None:
    assert statuses(cli, "2026-06-30")["independent-monitor"] == "not_met"
    assert statuses(cli, "2026-07-01")["independent-monitor"] in {"met", "partially_met"}


def test_2022_keeps_the_gaps_of_the_old_code(cli) -> None:
    found = statuses(cli, "2022-12-31")
    # The only cited standard for an ICT circumstance is Directive (EU) 2024/1712 Art. 4(3)(b), in force from
    # 14 July 2024: before it no cited standard existed (the gap the seed paper names shows in the evidence).
    assert found["aggravating-ict"] == "not_applicable"
    assert found["specialised-law"] == "not_met"
    assert found["extraterritorial-nationality"] == "partially_met"


def test_tip_tiers_cover_every_edition_from_2001() -> None:
    from pathlib import Path

    import yaml

    profile = yaml.safe_load((Path(__file__).resolve().parents[2] / "jurisdictions" / "kazakhstan.yaml").read_text())
    tiers = {entry["report_year"]: entry["tier"] for entry in profile["tip_tiers"]}
    assert sorted(tiers) == list(range(2001, 2026))
    assert tiers[2010] == "Tier 2 Watch List"  # Kelley-Heiss, checked against the 2010 report


@pytest.mark.parametrize("as_of", [TODAY, "2022-12-31"])
@pytest.mark.parametrize(
    "rule",
    [
        "ex-officio-prosecution",  # CPC Art. 32(6): trafficking is not in the complaint-only lists (2020-2025 wordings)
        "witness-protection",  # CPC Arts 96-98
        "victim-privacy",  # CPC Art. 29(1), closed hearings
        "organised-group-offence",  # CC Art. 262
        "obstruction-of-justice",  # CC Arts 407, 409, 422
        "document-offences",  # CC Arts 383-385
    ],
)
def test_procedure_and_related_offences_are_decided_by_the_codes(cli, rule: str, as_of: str) -> None:
    assert statuses(cli, as_of)[rule] == "met"


def test_ex_officio_is_unknown_before_the_2020_wording_was_in_force(cli) -> None:
    assert statuses(cli, "2020-03-01")["ex-officio-prosecution"] == "unknown"
