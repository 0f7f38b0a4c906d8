"""Result models: what an audit produces and what every renderer reads.

These are the documented, versioned output contract (the JSON report is their
serialisation), so every field has a description. Renderers never compute
anything a result model does not hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypeVar

from pydantic import Field

from trafficking_audit.models.defaults import empty_dict, empty_list
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.research_plan import NeededFact
from trafficking_audit.models.result_base import BindingCitation, Evidence, Result, SourceRef
from trafficking_audit.models.rule import Citation
from trafficking_audit.models.vocabulary import Obligation, Outcome, PartNaming, Pillar, Severity

SCHEMA_VERSION = "1.0"


class Peer(Result):
    """Another jurisdiction in the data that meets a rule: a model to learn from."""

    id: str = Field(description="Profile id.")
    name: str = Field(description="Name.")
    provisions: list[str] = Field(default_factory=empty_list, description="The provisions its outcome rests on.")
    sources: list[SourceRef] = Field(default_factory=empty_list, description="The sources behind them.")


class Recommendation(Result):
    """What to do about a rule that is not (fully) met."""

    rule: str = Field(description="Rule id.")
    verb: str = Field(description="urge (mandatory), recommend (should) or invite (good practice).")
    text: str = Field(description="The recommendation, starting with the grading verb.")
    priority: int = Field(description="1 = first; order: severity, obligation, pillar, rulebook order.")
    peers: list[Peer] = Field(default_factory=empty_list, description="Jurisdictions in the data that meet the rule.")


class Finding(Result):
    """The outcome of one rule for one jurisdiction on one date."""

    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    status: Outcome = Field(description="met, partially_met, not_met, unknown or not_applicable.")
    pillar: Pillar = Field(description="Pillar of the rule.")
    severity: Severity = Field(description="Severity of the rule.")
    obligation: Obligation = Field(
        description="Obligation as it binds this jurisdiction on the audit date: the strongest strength among the "
        "binding citations (capped by the rule's obligation); `should` or `good-practice` from a yardstick that "
        "binds no one (US TVPA minimum standards, guidance); good-practice when no cited instrument binds it."
    )
    binding: bool = Field(description="Whether at least one cited provision binds the jurisdiction on the audit date.")
    binding_citations: list[BindingCitation] = Field(
        default_factory=empty_list,
        description="The cited provisions that bind the jurisdiction on the audit date, each with the fact that makes "
        "it bind; provisions that did not exist yet, or bind only others, are not listed.",
    )
    obligation_basis: str | None = Field(
        default=None, description="Where the obligation comes from, in one sentence (which citation, or none)."
    )
    citations: list[Citation] = Field(description="Where the standard comes from.")
    evidence: list[Evidence] = Field(default_factory=empty_list, description="Facts the outcome rests on.")
    missing: list[str] = Field(
        default_factory=empty_list, description="Facts that were absent or unknown on the audit date."
    )
    reason: str | None = Field(
        default=None,
        description="Why the outcome falls short of met, computed from the rule's condition: for partially_met and "
        "not_met, the parts of the condition that fail (naming the national provision where the profile gives one); "
        "for unknown, the facts that would decide it; for not_applicable, why the rule does not apply.",
    )
    missing_elements: list[str] = Field(
        default_factory=empty_list,
        description="For partially_met and not_met: the elements (means, acts, purposes and other listed values) the "
        "rule's condition asks for that the profile does not record, after the element taxonomy is applied.",
    )
    recommendation: Recommendation | None = Field(default=None, description="Present when partially or not met.")


class PillarScore(Result):
    """Score and evidence coverage for one pillar (or overall)."""

    pillar: str = Field(description="Pillar name, or `overall`.")
    score: float | None = Field(
        description="0-100, indicative, over the rules whose outcome is known; null when none is known."
    )
    low: float | None = Field(
        default=None,
        description="Lower bound, 0-100: every unknown outcome counted as not met (same weights); "
        "null when no rule applies.",
    )
    high: float | None = Field(
        default=None,
        description="Upper bound, 0-100: every unknown outcome counted as met (same weights); "
        "null when no rule applies.",
    )
    sufficient: bool = Field(
        default=False,
        description="Whether the evidence coverage reaches the minimum (see `scoring.MIN_COVERAGE`) for the point "
        "score to be headlined; below it, reports give only the range.",
    )
    met: int = Field(description="Rules met.")
    partially_met: int = Field(description="Rules partially met.")
    not_met: int = Field(description="Rules not met.")
    unknown: int = Field(description="Rules whose outcome is unknown.")
    not_applicable: int = Field(description="Rules that do not apply.")
    coverage: float | None = Field(description="Share of applicable rules with a known outcome (0-1).")

    def phrase(self, lang: Language = ENGLISH) -> str:
        """The score as reports headline it: the point score with its range and coverage, or, below the minimum
        coverage, the range alone ("insufficient evidence (coverage 12%): score between 11 and 100")."""
        _ = lang.gettext
        if self.low is None or self.high is None or self.coverage is None:
            return _("no score (no rule applies)")
        coverage = lang.percent(self.coverage)
        low, high = lang.number(self.low), lang.number(self.high)
        if not self.sufficient or self.score is None:
            return _("insufficient evidence (coverage {coverage}): score between {low} and {high}").format(
                coverage=coverage, low=low, high=high
            )
        return _("score {score} (range {low}-{high}), evidence coverage {coverage}").format(
            score=lang.number(self.score), low=low, high=high, coverage=coverage
        )


class Scores(Result):
    """Scores per pillar and overall."""

    overall: PillarScore = Field(description="All pillars together.")
    pillars: list[PillarScore] = Field(description="One entry per pillar, in pillar order.")


# Every identity field a result model may carry, in the order models declare them: ``Identity.of`` copies those a
# model declares from the profile, so the identity is spelled out once however many models carry it.
_IDENTITY_FIELDS = ("id", "name", "iso2", "iso3", "last_reviewed", "history_from")

_I = TypeVar("_I", bound="Identity")


class Identity(Result):
    """Who a result is about: the profile's id, name and ISO codes (the base of every model that names a
    jurisdiction by its profile, so they are built by one constructor, :meth:`of`)."""

    id: str = Field(description="Profile id.")
    name: str = Field(description="Name.")
    iso2: str = Field(description="ISO 3166-1 alpha-2.")
    iso3: str = Field(description="ISO 3166-1 alpha-3.")

    @classmethod
    def of(cls: type[_I], profile: Any, **fields: Any) -> _I:
        """This model for ``profile`` (a profile, or any object with its identity fields, such as a
        :class:`JurisdictionRef`): the identity fields the model declares are read from it, the rest are
        ``fields``. A profile without ``history_from`` (a reference read back from JSON may lack it) gives null."""
        identity = {name: getattr(profile, name, None) for name in _IDENTITY_FIELDS if name in cls.model_fields}
        return cls(**identity, **fields)


class JurisdictionRef(Identity):
    """Identity of the audited jurisdiction."""

    last_reviewed: dt.date = Field(description="When the profile was last reviewed.")
    history_from: dt.date | None = Field(
        default=None, description="The first date the profile's facts describe (null when it does not say)."
    )


class StatisticsPoint(Result):
    """One year's count in a statistics series."""

    year: int = Field(description="Calendar or reporting year.")
    value: int = Field(description="The count.")
    used_by_audit: bool = Field(
        description="False when the profile keeps this count only for comparison with another count of the year."
    )
    note: str | None = Field(default=None, description="The profile's comment on this year's count.")


class StatisticsSeries(Result):
    """One indicator as one source counts it, year by year (the profile's statistics, regrouped)."""

    indicator: Literal["investigations", "prosecutions", "convictions", "victims_identified"] = Field(
        description="What is counted."
    )
    counting_basis: str = Field(description="What was counted and by whom, as the profile records it.")
    points: list[StatisticsPoint] = Field(description="The counts, oldest year first.")
    sources: list[SourceRef] = Field(description="Sources of the counts, in the profile's order.")


class TipTier(Result):
    """A US Trafficking in Persons report tier placement: an external assessment, not part of the score."""

    report_year: int = Field(description="Year of the TIP report edition.")
    tier: str = Field(description="Tier placement in that edition.")
    sources: list[SourceRef] = Field(description="Sources of the placement.")
    note: str | None = Field(default=None, description="The profile's comment.")


class QualityNote(Result):
    """One kind of warning ``audit check`` gives about the audited profile, summarised for the report."""

    code: str = Field(description="The check's code, e.g. `unsourced-fact` (see `audit check`).")
    count: int = Field(description="How many times the profile has this problem.")
    description: str = Field(description="What the code means.")
    first: str = Field(description="The first occurrence: `file:line:col: message`.")


class Audit(Result):
    """A complete audit: the JSON report is this model."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this report format.")
    jurisdiction: JurisdictionRef = Field(description="Who was audited.")
    as_of: dt.date = Field(description="The date the law was assessed as of.")
    rulebook_version: str = Field(description="Version of the rulebook that produced the findings.")
    headline: str = Field(description="One-sentence verdict.")
    scores: Scores = Field(description="Scores and coverage.")
    findings: list[Finding] = Field(description="One per rule, in rulebook order.")
    recommendations: list[Recommendation] = Field(description="In priority order.")
    sources: list[SourceRef] = Field(description="Sources cited by the evidence, in the profile's order.")
    instrument_parts: dict[str, PartNaming] = Field(
        default_factory=empty_dict,
        description="How each cited instrument names its parts (article, section, recommendation, chapter, or "
        "document when cited whole), by instrument id: what reports need to write its citations.",
    )
    instruments: dict[str, str] = Field(
        default_factory=empty_dict, description="Short names of the instruments the findings cite, by instrument id."
    )
    statistics: list[StatisticsSeries] = Field(
        default_factory=empty_list,
        description="The profile's criminal justice and victim figures, one series per indicator and counting "
        "basis (descriptive: not part of the score).",
    )
    evidence_needed: list[NeededFact] = Field(
        default_factory=empty_list,
        description="The research plan: each unknown or absent fact that decides at least one rule left unknown, "
        "with the rules it would decide, the value that would meet each, and where to look; facts deciding "
        "critical and mandatory rules first, then by the number of rules decided.",
    )
    tip_tiers: list[TipTier] = Field(
        default_factory=empty_list,
        description="US TIP report tier placements by report year, oldest first (an external assessment: not part "
        "of the score).",
    )
    evidence_basis: dict[str, int] = Field(
        default_factory=empty_dict,
        description="How the facts the findings rest on were established: the number of distinct facts of the "
        "evidence by basis (`text`, `assessment`, `secondary`, `inferred`, and `none` where the profile does not "
        "say), in that order; absent bases are left out.",
    )
    data_quality: list[QualityNote] | None = Field(
        default=None,
        description="The warnings of `audit check`'s consistency checks on the audited profile, by code (an empty "
        "list: none); null when the profile was not checked (an audit made outside the command line).",
    )
