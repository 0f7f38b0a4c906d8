"""`audit gaps`: the research plan alone, and the "Evidence needed" section of every report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trafficking_audit.models.vocabulary import OBLIGATIONS, SEVERITIES


def test_gaps_kazakhstan_json_lists_each_deciding_unknown_fact_with_its_rules_in_order(cli) -> None:
    """Acceptance: `audit gaps kazakhstan --format json`."""
    plan = json.loads(cli("gaps", "kazakhstan", "--format", "json", "--as-of", "2026-11-28").stdout)
    run = json.loads(cli("run", "kazakhstan", "--format", "json", "--as-of", "2026-11-28").stdout)
    unknown = {f["rule"]: f for f in run["findings"] if f["status"] == "unknown"}
    assert plan["unknown_rules"] == len(unknown) > 0
    assert plan["evidence_needed"] == run["evidence_needed"]
    for entry in plan["evidence_needed"]:
        assert entry["rules"], entry["fact"]
        for r in entry["rules"]:
            assert entry["fact"] in unknown[r["rule"]]["missing"]
            assert (r["severity"], r["obligation"]) == (
                unknown[r["rule"]]["severity"],
                unknown[r["rule"]]["obligation"],
            )
    assert {r["rule"] for e in plan["evidence_needed"] for r in e["rules"]} == set(unknown)

    def key(entry: dict) -> tuple:
        top = min((SEVERITIES.index(r["severity"]), OBLIGATIONS.index(r["obligation"])) for r in entry["rules"])
        return (top, -len(entry["rules"]), entry["fact"])

    assert plan["evidence_needed"] == sorted(plan["evidence_needed"], key=key)


@pytest.mark.parametrize("fmt", ["terminal", "md"])
def test_gaps_in_text_formats_names_facts_rules_and_where_to_look(cli, fmt: str) -> None:
    result = cli("gaps", "turkmenistan", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Evidence needed" in result.stdout and "Where to look" in result.stdout.replace("where", "Where")
    assert "child-no-means" in result.stdout


def test_gaps_writes_to_output_and_infers_the_format(cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert cli("gaps", "kz", "--output", target).exit_code == 0
    assert "evidence_needed" in json.loads(target.read_text())


def test_gaps_refuses_a_format_it_has_no_renderer_for(cli) -> None:
    result = cli("gaps", "kz", "--format", "html")
    assert result.exit_code == 2 and "expected one of terminal, md, json" in result.stderr


@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_every_audit_report_has_the_evidence_needed_section(cli, fmt: str) -> None:
    text = cli("run", "turkmenistan", "--format", fmt).stdout
    assert ('"evidence_needed"' if fmt == "json" else "Evidence needed") in text
    assert "offence.child_means_required" in text
