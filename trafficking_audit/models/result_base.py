"""The base of every result model, the base of a changed-fact entry, the source reference audit and check reports
cite, and the binding citation and the evidence the engine's evaluation (used by ``audit check`` too) produces.

Apart from :mod:`trafficking_audit.models.result` so that ``audit check``, whose report models
(:mod:`trafficking_audit.models.check`) and checks need only these, does not build the audit's result models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.facts import Basis
from trafficking_audit.models.vocabulary import Strength

# Below this evidence coverage (share of applicable rules with a known outcome) a point score says more about
# what was recorded than about the law: reports headline the range instead (README, "How scores are computed").
MIN_COVERAGE = 0.5


class Result(BaseModel):
    """Base of result models."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ChangedFact(Result):
    """Base of the two reports of a fact whose value differs between two readings of a profile.

    ``audit check --base`` reports a :class:`~trafficking_audit.models.check.FactEdit` (two git revisions of one
    file, on one audit date) and ``audit diff``/``trend`` a :class:`~trafficking_audit.models.diff.FactChange`
    (one jurisdiction on two dates, as evidence); both say which fact by the same dotted path, and both decide
    "changed" with one test (``engine.diff.comparable``).
    """

    fact: str = Field(description="Dotted path of the profile field.")


class SourceRef(Result):
    """A source cited by the evidence of a report."""

    id: str = Field(description="Id within the profile.")
    title: str = Field(description="Title.")
    publisher: str | None = Field(default=None, description="Publisher.")
    year: int | None = Field(default=None, description="Year.")
    url: str | None = Field(default=None, description="URL.")
    kind: str = Field(description="Kind of source.")


class BindingCitation(Result):
    """A cited provision that binds the jurisdiction on the audit date, and the fact that makes it bind."""

    instrument: str = Field(description="Instrument id from `rules/instruments.yaml`.")
    article: str = Field(description="Article or paragraph.")
    strength: Strength = Field(description="The provision's strength in its instrument.")
    inserted_by: str | None = Field(default=None, description="The amending instrument that inserted the provision.")
    because: str = Field(
        description="Why it binds: the treaty fact (party on the date, entry into force for the state) or the "
        "membership (EU Member State on the date, transposition deadline passed)."
    )


class Evidence(Result):
    """A profile fact an outcome rests on, as it held on the audit date."""

    fact: str = Field(description="Dotted path of the profile field.")
    value: Any = Field(description="The value on the audit date.")
    provision: str | None = Field(default=None, description="The national provision it rests on.")
    sources: list[str] = Field(default_factory=empty_list, description="Ids of the profile's sources.")
    note: str | None = Field(default=None, description="The editor's note.")
    valid_from: dt.date | None = Field(default=None, description="Start of the value's validity.")
    valid_to: dt.date | None = Field(default=None, description="End of the value's validity.")
    basis: Basis | None = Field(
        default=None,
        description="How the value was established: `text`, `assessment`, `secondary` or `inferred` (null when "
        "the profile does not say).",
    )
