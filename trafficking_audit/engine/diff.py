"""Compare two audits rule by rule: two jurisdictions, or one jurisdiction on two dates.

Analysts ask two questions the narrative reports answer only in prose: what does
country B do that country A lacks, and what changed in country A between two dates.
This module answers both from two :class:`~trafficking_audit.models.result.Audit`
results (made with the same rulebook and rule selection) and, for changed facts, the
two profiles. Pure functions, no I/O. Outcomes are ranked met > partially_met >
not_met; a change to or from unknown or not applicable is reported but is neither
better nor worse, because "unknown" is not "no".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from trafficking_audit.engine.recommend import source_refs
from trafficking_audit.models.diff import (
    Change,
    Diff,
    DiffCounts,
    DiffSide,
    FactChange,
    Lesson,
    PillarDiff,
    RuleDiff,
    RuleRef,
    SideFinding,
    Trend,
)
from trafficking_audit.models.facts import Fact, select
from trafficking_audit.models.paths import fact_paths, read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Evidence, Finding, PillarScore, SourceRef
from trafficking_audit.models.rule import OUTCOME_RANK, Outcome

LACKING: tuple[Outcome, ...] = ("partially_met", "not_met")


def change(left: Outcome, right: Outcome) -> Change:
    """How the right outcome compares with the left one."""
    if left == right:
        return "same"
    if left in OUTCOME_RANK and right in OUTCOME_RANK:
        return "better" if OUTCOME_RANK[right] > OUTCOME_RANK[left] else "worse"
    return "not_comparable"


def bucket(left: Outcome, right: Outcome) -> str:
    """The :class:`DiffCounts` field a pair of outcomes counts in."""
    if "unknown" in (left, right):
        return "unknown"
    if "not_applicable" in (left, right):
        return "not_applicable"
    if left == right == "met":
        return "both_met"
    if left == "met":
        return "only_left"
    if right == "met":
        return "only_right"
    return "neither"


def compare(
    left: Audit,
    right: Audit,
    profiles: tuple[Profile, Profile] | None = None,
    changed_only: bool = False,
) -> Diff:
    """The diff of two audits; ``profiles`` (left, right) are needed for the changed facts."""
    if [f.rule for f in left.findings] != [f.rule for f in right.findings]:
        raise ValueError("both audits must run the same rules in the same order")
    if left.rulebook_version != right.rulebook_version:
        raise ValueError("both audits must use the same rulebook version")
    same = left.jurisdiction.id == right.jurisdiction.id
    rules = [rule_diff(lf, rf) for lf, rf in zip(left.findings, right.findings, strict=True)]
    counts = count(rules)
    sides = side(left), side(right)
    facts = fact_changes(profiles[0], left.as_of, profiles[1], right.as_of) if same and profiles else []
    return Diff(
        left=sides[0],
        right=sides[1],
        rulebook_version=left.rulebook_version,
        same_jurisdiction=same,
        changed_only=changed_only,
        headline=headline(sides[0].label, sides[1].label, counts),
        counts=counts,
        pillars=[pillar_diff(lp, rp, same) for lp, rp in zip(pillar_scores(left), pillar_scores(right), strict=True)],
        rules=[r for r in rules if r.change != "same"] if changed_only else rules,
        right_has=lessons(left.findings, right.findings, right.sources),
        left_has=lessons(right.findings, left.findings, left.sources),
        facts_changed=facts,
    )


def side(audit: Audit) -> DiffSide:
    """One side's identity, date, verdict and cited sources."""
    j = audit.jurisdiction
    return DiffSide(
        **j.model_dump(),
        as_of=audit.as_of,
        label=f"{j.name} ({audit.as_of.isoformat()})",
        headline=audit.headline,
        sources=list(audit.sources),
    )


def pillar_scores(audit: Audit) -> list[PillarScore]:
    """The audit's pillar scores, then the overall score."""
    return [*audit.scores.pillars, audit.scores.overall]


def detail(finding: Finding) -> SideFinding:
    """What one side's outcome rests on."""
    return SideFinding(evidence=list(finding.evidence), missing=list(finding.missing), reason=finding.reason)


def rule_ref(finding: Finding) -> dict[str, Any]:
    """The fields of :class:`RuleRef` from a finding."""
    return finding.model_dump(include=set(RuleRef.model_fields))


def rule_diff(left: Finding, right: Finding) -> RuleDiff:
    """One rule's pair of outcomes."""
    return RuleDiff(
        **rule_ref(left),
        left=left.status,
        right=right.status,
        change=change(left.status, right.status),
        left_detail=detail(left),
        right_detail=detail(right),
    )


def count(rules: Sequence[RuleDiff]) -> DiffCounts:
    """Counts over every compared rule."""
    tally = dict.fromkeys(("both_met", "only_left", "only_right", "neither", "unknown", "not_applicable"), 0)
    changes = dict.fromkeys(("same", "better", "worse", "not_comparable"), 0)
    for r in rules:
        tally[bucket(r.left, r.right)] += 1
        changes[r.change] += 1
    return DiffCounts(
        total=len(rules),
        differing=len(rules) - changes["same"],
        better=changes["better"],
        worse=changes["worse"],
        not_comparable=changes["not_comparable"],
        **tally,
    )


def trend(difference: float | None) -> Trend | None:
    """The trend word for a score difference (None when there is no difference to read)."""
    if difference is None:
        return None
    if difference > 0:
        return "improved"
    return "declined" if difference < 0 else "maintained"


def pillar_diff(left: PillarScore, right: PillarScore, same_jurisdiction: bool) -> PillarDiff:
    """Both scores of one pillar, their difference and, for one jurisdiction, the trend."""
    difference = None
    if left.score is not None and right.score is not None:
        difference = round(right.score - left.score, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return PillarDiff(
        pillar=left.pillar,
        left=left.score,
        right=right.score,
        difference=difference,
        left_coverage=left.coverage,
        right_coverage=right.coverage,
        trend=trend(difference) if same_jurisdiction else None,
    )


def lessons(lacking: Sequence[Finding], meeting: Sequence[Finding], sources: Sequence[SourceRef]) -> list[Lesson]:
    """Rules the ``meeting`` side meets and the ``lacking`` side partially or does not meet."""
    found = []
    for low, high in zip(lacking, meeting, strict=True):
        if low.status not in LACKING or high.status != "met":
            continue
        cited = {s for e in high.evidence for s in e.sources}
        found.append(
            Lesson(
                **rule_ref(high),
                lacking=low.status,
                provisions=sorted({e.provision for e in high.evidence if e.provision}),
                sources=[s for s in sources if s.id in cited],
            )
        )
    return found


def fact_changes(left: Profile, left_day: dt.date, right: Profile, right_day: dt.date) -> list[FactChange]:
    """Facts whose value on ``right_day`` differs from the value on ``left_day``.

    Unknown and "nothing recorded" count as the same (both are unknown to the engine);
    lists compare as sets, so reordering a list is not a change.
    """
    left_paths = fact_paths(left)
    known = set(left_paths)
    paths = left_paths + [p for p in fact_paths(right) if p not in known]
    changes = []
    for path in paths:
        before, after = select(read(left, path), left_day), select(read(right, path), right_day)
        if comparable(before) == comparable(after):
            continue
        left_refs = source_refs(left, before.sources if before else [])
        right_refs = source_refs(right, after.sources if after else [])
        seen = {s.id for s in left_refs}
        changes.append(
            FactChange(
                fact=path,
                left=evidence(path, before),
                right=evidence(path, after),
                sources=left_refs + [s for s in right_refs if s.id not in seen],
            )
        )
    return changes


def comparable(fact: Fact | None) -> object:
    """A fact's value in a form that compares by meaning (None for unknown)."""
    if fact is None or fact.is_unknown:
        return None
    if isinstance(fact.value, (list, tuple)):
        return sorted(map(str, fact.value))
    return fact.value


def evidence(path: str, fact: Fact | None) -> Evidence | None:
    """A fact as evidence (value, provision, sources, note, period), or None."""
    if fact is None:
        return None
    return Evidence.model_validate({**fact.model_dump(exclude={"basis"}), "fact": path})


def headline(left: str, right: str, counts: DiffCounts) -> str:
    """One-sentence summary of the comparison."""
    return (
        f"{left} against {right}: {counts.differing} of {counts.total} rules differ"
        f" ({counts.better} better and {counts.worse} worse on the right, {counts.not_comparable} not comparable)."
        f" Both meet {counts.both_met}; only {left} meets {counts.only_left}; only {right} meets"
        f" {counts.only_right}; neither meets {counts.neither}; {counts.unknown} unknown on either side."
    )


def regressions(diff: Diff) -> list[RuleDiff]:
    """Rules worse on the right than on the left (what ``--fail-on-regression`` fails on)."""
    return [r for r in diff.rules if r.change == "worse"]


def became_unknown(diff: Diff) -> list[RuleDiff]:
    """Rules known on the left and unknown on the right: reported, but not regressions."""
    return [r for r in diff.rules if r.right == "unknown" and r.left != "unknown"]
