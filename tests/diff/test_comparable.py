"""Trends over comparable rules: knowledge lost is never reported as progress (issue 15).

The trend word of a pillar reads only the rules known on both sides; a rule that turns unknown is
listed as evidence lost; with fewer than half of a pillar's applicable rules known on both sides the
trend is "not comparable", with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.diff.sample import AFTER, BEFORE, diff, profile

ROOT = Path(__file__).resolve().parent.parent.parent
KAZAKHSTAN = ROOT / "jurisdictions" / "kazakhstan.yaml"


def copy_with(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    """``orig.yaml`` (Kazakhstan as bundled) and ``copy.yaml`` (one passage replaced)."""
    text = KAZAKHSTAN.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    orig, copy = tmp_path / "orig.yaml", tmp_path / "copy.yaml"
    orig.write_text(text, encoding="utf-8")
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return orig, copy


def pillar(data: dict, name: str) -> dict:
    return next(p for p in data["pillars"] if p["pillar"] == name)


def test_a_met_prosecution_fact_made_unknown_is_evidence_lost_not_improvement(cli, tmp_path: Path) -> None:
    """The issue's acceptance: one met prosecution fact of Kazakhstan made unknown in a copy."""
    orig, copy = copy_with(
        tmp_path, "  child_age_threshold:\n    value: 18\n", "  child_age_threshold:\n    value: unknown\n"
    )
    result = cli("diff", orig, copy, "--data", ROOT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    prosecution = pillar(data, "prosecution")
    assert prosecution["trend"] != "improved"
    assert prosecution["trend"] == "maintained"  # the law did not change: every comparable rule is the same
    same = pillar(json.loads(cli("diff", orig, orig, "--data", ROOT, "--format", "json").stdout), "prosecution")
    assert prosecution["comparable"] == same["comparable"] - 1
    assert prosecution["evidence_lost"] == 1 and prosecution["comparable_difference"] == 0
    assert [(e["rule"], e["left"], e["right"]) for e in data["evidence_lost"]] == [("child-age-18", "met", "unknown")]
    assert data["evidence_lost"][0]["missing"] == ["offence.child_age_threshold"]
    for fmt, marker in (("terminal", "Evidence lost (1)"), ("md", "## Evidence lost"), ("html", 'id="evidence-lost"')):
        shown = cli("diff", orig, copy, "--data", ROOT, "--format", fmt)
        assert marker in shown.stdout and "child-age-18" in shown.stdout
        assert "▲ improved" not in shown.stdout.split("Overall")[0]


def test_an_unmet_rule_turning_unknown_does_not_raise_the_trend(cli, tmp_path: Path) -> None:
    """The issue's case: the score over known rules rises when an unmet rule turns unknown; the trend must not."""
    orig, copy = copy_with(
        tmp_path,
        "    - value: aggravating_only\n      sources: [cc-2025,",
        "    - value: unknown\n      sources: [cc-2025,",
    )
    data = json.loads(cli("diff", orig, copy, "--data", ROOT, "--format", "json").stdout)
    prosecution = pillar(data, "prosecution")
    assert prosecution["difference"] > 0  # the naive reading: the point score went up
    assert prosecution["trend"] == "maintained" and prosecution["comparable_difference"] == 0
    assert "means-core-elements" in [e["rule"] for e in data["evidence_lost"]]


def test_fewer_than_half_known_on_both_sides_is_not_comparable(cli) -> None:
    data = json.loads(cli("diff", "kz@2022-12-31", "kz@2026-11-28", "--data", ROOT, "--format", "json").stdout)
    for p in data["pillars"]:
        assert p["comparable"] <= p["applicable"]
        if p["comparable"] * 2 < p["applicable"]:
            assert p["trend"] == "not_comparable"
            assert p["trend_reason"] == (
                f"only {p['comparable']} of {p['applicable']} applicable rules are known on both sides "
                "(a trend needs at least 50%)"
            )
        else:
            assert p["trend"] in ("improved", "maintained", "declined") and p["trend_reason"] is None
    assert any(p["trend"] == "not_comparable" for p in data["pillars"])  # Kazakhstan's protection in 2022


@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_every_format_gives_the_comparable_count(cli, fmt: str) -> None:
    shown = cli("diff", "kz@2022-12-31", "kz@2026-11-28", "--data", ROOT, "--format", fmt).stdout
    data = json.loads(cli("diff", "kz@2022-12-31", "kz@2026-11-28", "--data", ROOT, "--format", "json").stdout)
    for p in data["pillars"]:
        if fmt == "json":
            assert isinstance(p["comparable"], int)
        else:
            assert f"{p['comparable']} of {p['applicable']}" in shown


def test_fixture_over_time_counts_comparable_rules() -> None:
    alpha = profile("alpha")
    d = diff((alpha, BEFORE), (alpha, AFTER))
    partnership = d.pillars[3]
    # coordinator: met -> unknown; eu-cooperation: not applicable on both sides
    assert (partnership.applicable, partnership.comparable, partnership.evidence_lost) == (1, 0, 1)
    assert partnership.trend == "not_comparable" and partnership.trend_reason is not None
    assert [e.rule for e in d.evidence_lost] == ["coordinator"]
    two = diff((alpha, BEFORE), (profile("beta"), BEFORE))
    assert two.evidence_lost == [] and all(p.trend is None and p.trend_reason is None for p in two.pillars)
