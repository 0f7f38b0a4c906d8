"""Compare two audits rule by rule: two jurisdictions, or one jurisdiction on two dates.

Analysts ask two questions the narrative reports answer only in prose: what does
country B do that country A lacks, and what changed in country A between two dates.
This module answers both from two :class:`~trafficking_audit.models.result.Audit`
results (made with the same rulebook and rule selection) and, for changed facts, the
two profiles. Pure functions, no I/O. Outcomes are ranked met > partially_met >
not_met; a change to or from unknown or not applicable is reported but is neither
better nor worse, because "unknown" is not "no".

A pillar's trend over time is read only over the rules known on both dates: when a
rule turns unknown its outcome leaves one side's score, and the score can rise with
no change in the law (Kazakhstan's prosecution score rose from 74 to 81 when two
unmet rules turned unknown). Such rules are listed as evidence lost, and when fewer
than half of a pillar's applicable rules are known on both sides the trend is
"not comparable", with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from trafficking_audit.engine.recommend import source_refs
from trafficking_audit.engine.scoring import pillar_score
from trafficking_audit.models.diff import (
    Change,
    Diff,
    DiffCounts,
    DiffSide,
    EvidenceChange,
    FactChange,
    Lesson,
    PillarDiff,
    RuleDiff,
    RuleRef,
    SideFinding,
    Trend,
)
from trafficking_audit.models.facts import Fact, select
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.paths import fact_paths, read
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Finding, PillarScore
from trafficking_audit.models.result_base import Evidence, SourceRef
from trafficking_audit.models.vocabulary import GAPS, OUTCOME_RANK, PILLARS, Outcome

# A trend needs at least this share of a pillar's applicable rules known on both sides.
MIN_COMPARABLE = 0.5


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


def compare_audits(
    left: Audit,
    right: Audit,
    profiles: tuple[Profile, Profile] | None = None,
    changed_only: bool = False,
    lang: Language = ENGLISH,
) -> Diff:
    """The diff of two audits; ``profiles`` (left, right) are needed for the changed facts; ``lang``: of the
    headline and labels (the audits' own texts are in the language they were built in)."""
    if [f.rule for f in left.findings] != [f.rule for f in right.findings]:
        raise ValueError("both audits must run the same rules in the same order")
    if left.rulebook_version != right.rulebook_version:
        raise ValueError("both audits must use the same rulebook version")
    same = left.jurisdiction.id == right.jurisdiction.id
    rules = [rule_diff(lf, rf) for lf, rf in zip(left.findings, right.findings, strict=True)]
    counts = count(rules)
    sides = side(left, lang), side(right, lang)
    facts = fact_changes(profiles[0], left.as_of, profiles[1], right.as_of) if same and profiles else []
    return Diff(
        left=sides[0],
        right=sides[1],
        rulebook_version=left.rulebook_version,
        same_jurisdiction=same,
        changed_only=changed_only,
        headline=headline(sides[0].label, sides[1].label, counts, lang),
        counts=counts,
        pillars=[
            pillar_diff(lp, rp, pairs, same)
            for lp, rp, pairs in zip(pillar_scores(left), pillar_scores(right), pillar_pairs(left, right), strict=True)
        ],
        rules=[r for r in rules if r.change != "same"] if changed_only else rules,
        right_has=lessons(left.findings, right.findings, right.sources),
        left_has=lessons(right.findings, left.findings, left.sources),
        evidence_lost=evidence_changes(left.findings, right.findings, lost=True) if same else [],
        evidence_gained=evidence_changes(left.findings, right.findings, lost=False) if same else [],
        facts_changed=facts,
    )


def side(audit: Audit, lang: Language = ENGLISH) -> DiffSide:
    """One side's identity, date, verdict, cited sources and the quality of its data."""
    j = audit.jurisdiction
    return DiffSide.of(
        j,
        as_of=audit.as_of,
        label=f"{lang.country(j.iso2, j.name)} ({lang.date(audit.as_of)})",
        headline=audit.headline,
        sources=list(audit.sources),
        evidence_basis=audit.evidence_basis,
        data_quality=audit.data_quality,
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
    """The trend word for a score difference over comparable rules (None when there is none to read)."""
    if difference is None:
        return None
    if difference > 0:
        return "improved"
    return "declined" if difference < 0 else "maintained"


Pair = tuple[Finding, Finding]


def pillar_pairs(left: Audit, right: Audit) -> list[list[Pair]]:
    """The (left, right) findings of each pillar, then of all rules (the order of :func:`pillar_scores`)."""
    pairs = list(zip(left.findings, right.findings, strict=True))
    return [[p for p in pairs if p[0].pillar == pillar] for pillar in PILLARS] + [pairs]


def known(status: Outcome) -> bool:
    """Whether an outcome is known and scored (met, partially met or not met)."""
    return status in OUTCOME_RANK


def pillar_diff(left: PillarScore, right: PillarScore, pairs: Sequence[Pair], same_jurisdiction: bool) -> PillarDiff:
    """Both scores of one pillar, their difference and, for one jurisdiction, the trend over comparable rules."""
    applicable = [p for p in pairs if not (p[0].status == p[1].status == "not_applicable")]
    both = [p for p in applicable if known(p[0].status) and known(p[1].status)]
    before = pillar_score(left.pillar, (p[0] for p in both)).score if both else None
    after = pillar_score(left.pillar, (p[1] for p in both)).score if both else None
    comparable_difference = points(before, after)
    reason = None
    if len(both) < MIN_COMPARABLE * len(applicable) or not applicable:
        reason = (
            f"only {len(both)} of {len(applicable)} applicable rules are known on both sides "
            f"(a trend needs at least {MIN_COMPARABLE:.0%})"
            if applicable
            else "no rule applies"
        )
    trend_word: Trend | None = None
    if same_jurisdiction:
        trend_word = "not_comparable" if reason is not None else trend(comparable_difference)
    return PillarDiff(
        pillar=left.pillar,
        left=left.score,
        right=right.score,
        difference=points(left.score, right.score),
        left_coverage=left.coverage,
        right_coverage=right.coverage,
        applicable=len(applicable),
        comparable=len(both),
        comparable_left=before,
        comparable_right=after,
        comparable_difference=comparable_difference,
        evidence_lost=sum(1 for a, b in applicable if known(a.status) and b.status == "unknown"),
        evidence_gained=sum(1 for a, b in applicable if a.status == "unknown" and known(b.status)),
        trend=trend_word,
        trend_reason=reason if same_jurisdiction else None,
    )


def points(left: float | None, right: float | None) -> float | None:
    """Right minus left, rounded to a tenth (None when either is None)."""
    if left is None or right is None:
        return None
    return round(right - left, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def evidence_changes(left: Sequence[Finding], right: Sequence[Finding], lost: bool) -> list[EvidenceChange]:
    """Rules known on one side and unknown on the other: lost (known on the left) or gained (known on the right)."""
    found = []
    for a, b in zip(left, right, strict=True):
        was, now = (a, b) if lost else (b, a)
        if known(was.status) and now.status == "unknown":
            found.append(EvidenceChange(**rule_ref(a), left=a.status, right=b.status, missing=list(now.missing)))
    return found


def lessons(lacking: Sequence[Finding], meeting: Sequence[Finding], sources: Sequence[SourceRef]) -> list[Lesson]:
    """Rules the ``meeting`` side meets and the ``lacking`` side partially or does not meet."""
    found = []
    for low, high in zip(lacking, meeting, strict=True):
        if low.status not in GAPS or high.status != "met":
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


def headline(left: str, right: str, counts: DiffCounts, lang: Language = ENGLISH) -> str:
    """One-sentence summary of the comparison, in ``lang`` (the count of rules with its plural form)."""
    differ = lang.ngettext(
        "{differing} of {total} rules differ", "{differing} of {total} rules differ", counts.total
    ).format(differing=counts.differing, total=counts.total)
    return lang.gettext(
        "{left} against {right}: {differ} ({better} better and {worse} worse on the right, {not_comparable} not"
        " comparable). Both meet {both}; only {left} meets {only_left}; only {right} meets {only_right};"
        " neither meets {neither}; {unknown} unknown on either side."
    ).format(
        left=left,
        right=right,
        differ=differ,
        better=counts.better,
        worse=counts.worse,
        not_comparable=counts.not_comparable,
        both=counts.both_met,
        only_left=counts.only_left,
        only_right=counts.only_right,
        neither=counts.neither,
        unknown=counts.unknown,
    )


def regressions(diff: Diff) -> list[RuleDiff]:
    """Rules worse on the right than on the left (what ``--fail-on-regression`` fails on)."""
    return [r for r in diff.rules if r.change == "worse"]


def became_unknown(diff: Diff) -> list[RuleDiff]:
    """Rules known on the left and unknown on the right: reported, but not regressions."""
    return [r for r in diff.rules if r.right == "unknown" and r.left != "unknown"]
