"""Scores follow the README formula: severity weights, outcome credits, unknowns excluded."""

from __future__ import annotations

from trafficking_audit.engine.scoring import pillar_score, score
from trafficking_audit.models.result import Finding


def finding(status: str, severity: str = "high", pillar: str = "prosecution") -> Finding:
    return Finding(
        rule=f"r-{status}-{severity}",
        title="t",
        status=status,
        pillar=pillar,
        severity=severity,
        obligation="mandatory",
        binding=True,
        citations=[],
    )


def test_formula() -> None:
    # critical met (4 x 1) + high partially (3 x 0.5) + low not met (1 x 0) over weights 4 + 3 + 1
    result = pillar_score(
        "prosecution", [finding("met", "critical"), finding("partially_met", "high"), finding("not_met", "low")]
    )
    assert result.score == round(100 * 5.5 / 8, 1)
    assert result.coverage == 1.0


def test_unknown_and_not_applicable_are_excluded_but_counted() -> None:
    result = pillar_score("x", [finding("met"), finding("unknown", "critical"), finding("not_applicable")])
    assert result.score == 100.0
    assert (result.unknown, result.not_applicable) == (1, 1)
    assert result.coverage == 0.5


def test_no_known_outcome_has_no_score() -> None:
    result = pillar_score("x", [finding("unknown")])
    assert result.score is None and result.coverage == 0.0
    assert pillar_score("x", []).coverage is None


def test_every_pillar_is_reported_in_order() -> None:
    scores = score([finding("met", pillar="protection")])
    assert [p.pillar for p in scores.pillars] == ["prosecution", "protection", "prevention", "partnership"]
    assert scores.overall.met == 1


def test_bounds_count_unknowns_as_not_met_and_as_met() -> None:
    # met high (3) + partially medium (2 x 0.5) known; unknown critical (4) and low (1): same weights.
    result = pillar_score(
        "x",
        [
            finding("met", "high"),
            finding("partially_met", "medium"),
            finding("unknown", "critical"),
            finding("unknown", "low"),
        ],
    )
    assert result.score == round(100 * 4 / 5, 1)
    assert result.low == round(100 * 4 / 10, 1)
    assert result.high == round(100 * 9 / 10, 1)
    assert result.low <= result.score <= result.high
    assert result.coverage == 0.5 and result.sufficient  # exactly the minimum: headlined


def test_below_the_minimum_coverage_only_the_range_is_headlined() -> None:
    thin = pillar_score("x", [finding("met", "low"), finding("unknown", "critical"), finding("unknown", "high")])
    assert thin.score == 100.0 and not thin.sufficient
    assert thin.phrase() == "insufficient evidence (coverage 33%): score between 12 and 100"
    assert "100/100" not in thin.phrase()
    full = pillar_score("x", [finding("met", "critical"), finding("not_met", "critical")])
    assert full.phrase() == "score 50 (range 50-50), evidence coverage 100%"


def test_no_applicable_rule_has_no_bounds() -> None:
    result = pillar_score("x", [finding("not_applicable")])
    assert (result.score, result.low, result.high, result.coverage) == (None, None, None, None)
    assert result.phrase() == "no score (no rule applies)"
