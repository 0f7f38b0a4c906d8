"""The base of every result model, the base of a changed-fact entry, the source reference audit and check reports
cite, and the binding citation the engine's treaty logic (used by ``audit check`` too) produces.

Apart from :mod:`trafficking_audit.models.result` so that ``audit check``, whose report models
(:mod:`trafficking_audit.models.check`) and checks need only these, does not build the audit's result models.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from trafficking_audit.models.vocabulary import Strength


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
