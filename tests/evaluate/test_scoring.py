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
