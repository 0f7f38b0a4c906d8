"""Result of ``audit rules diff REV``: what a change of the rule files does to the rulebook and to the audits.

A reviewer of a rule change wants two answers, as ``audit check --base`` gives them for a
profile edit: which rules were added, removed or changed (and in what: condition, obligation,
citations), and which findings of the bundled profiles move because of it (outcome or obligation).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import Result


class RuleChange(Result):
    """One rule added, removed or changed between the revision and the work tree."""

    rule: str = Field(description="Rule id.")
    title: str = Field(description="Rule title (the current one, or the old one for a removed rule).")
    change: Literal["added", "removed", "changed"] = Field(description="What happened to the rule.")
    aspects: list[str] = Field(
        default_factory=empty_list,
        description="For a changed rule, what changed: condition, obligation, citations, and any other field by name.",
    )
    obligation_before: str | None = Field(default=None, description="The rule's obligation at the revision.")
    obligation_after: str | None = Field(default=None, description="The rule's obligation now.")
    citations_added: list[str] = Field(
        default_factory=empty_list, description="Citations (`instrument article`) added."
    )
    citations_removed: list[str] = Field(default_factory=empty_list, description="Citations removed.")


class FindingShift(Result):
    """A finding whose outcome or obligation differs between the two rulebooks (same profile, same date)."""

    rule: str = Field(description="Rule id.")
    status_before: str | None = Field(description="Outcome with the revision's rules (null: the rule did not exist).")
    status_after: str | None = Field(description="Outcome with the current rules (null: the rule was removed).")
    obligation_before: str | None = Field(description="Obligation with the revision's rules.")
    obligation_after: str | None = Field(description="Obligation with the current rules.")


class ProfileShifts(Result):
    """The findings of one bundled profile that the rule change moves."""

    jurisdiction: str = Field(description="Profile id.")
    name: str = Field(description="Jurisdiction name.")
    changed: int = Field(description="Findings of rules in both rulebooks whose outcome or obligation changed.")
    added: int = Field(description="Findings of rules that exist only now.")
    removed: int = Field(description="Findings of rules that exist only at the revision.")
    findings: list[FindingShift] = Field(description="The findings that moved, in current rulebook order.")


class RulesDiff(Result):
    """``audit rules diff REV``: the rule changes since a revision and what they do to each bundled profile."""

    revision: str = Field(description="The git revision compared with the work tree.")
    as_of: dt.date = Field(description="The date both rulebooks audited the profiles as of.")
    rulebook_before: str = Field(description="Rulebook version at the revision.")
    rulebook_after: str = Field(description="Rulebook version now.")
    rules_before: int = Field(description="Number of rules at the revision.")
    rules_after: int = Field(description="Number of rules now.")
    rules: list[RuleChange] = Field(
        description="Rules added, removed or changed: changed and added in current order, then removed."
    )
    profiles: list[ProfileShifts] = Field(description="One entry per bundled profile, by profile id.")
    notes: list[str] = Field(default_factory=empty_list, description="What could not be compared, and why.")
