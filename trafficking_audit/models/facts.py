"""Facts with provenance and time: the unit every profile is made of.

A fact is a value plus where it comes from (source ids, the national provision) and
when it held (``valid_from``/``valid_to``). A field may hold one fact or a history
of dated facts, in the manner of OpenFisca parameters, so that ``--as-of DATE`` can
select what held on a date. The literal value ``unknown`` is an explicit unknown:
it is different from "no", and the engine never treats it as "no".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeAlias, TypeVar, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from trafficking_audit.models.dates import parse_day
from trafficking_audit.models.defaults import empty_list

T = TypeVar("T")


def _day(value: Any) -> dt.date:
    """A date of an input file: a date the YAML loader read (as YYYY-MM-DD), or YYYY-MM-DD text.

    Not a number (pydantic would read it as a Unix time) nor a datetime or other ISO shape.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return parse_day(value)
    raise ValueError("expected a date as YYYY-MM-DD")


# The type of every date field of profiles and rules: the one date format, see models/dates.py.
Day = Annotated[dt.date, BeforeValidator(_day)]

UNKNOWN = "unknown"

Unknown = Literal["unknown"]

# How a fact was established, strongest first: the provision's text was read; an official or
# international assessment (TIP, GRETA, UN treaty bodies, ILO supervisory bodies) describes it;
# a secondary source (news, academic, NGO) reports it; or it is a judgement from other facts.
Basis = Literal["text", "assessment", "secondary", "inferred"]


class Fact(BaseModel, Generic[T]):
    """One value of a profile field, with its sources and its period of validity."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: T | Unknown = Field(
        description="The value of the fact, or the literal `unknown` when it could not be established."
    )
    sources: list[str] = Field(
        default_factory=empty_list,
        description="Ids of entries in the profile's `sources` list that support this value.",
    )
    provision: str | None = Field(
        default=None,
        description="The national provision the fact rests on, e.g. `Criminal Code Art. 128`.",
    )
    note: str | None = Field(default=None, description="A short comment in the editor's own words.")
    basis: Basis | None = Field(
        default=None,
        description=(
            "How the value was established: `text` (the provision's text was read), `assessment` (an official "
            "or international assessment describes it), `secondary` (news, academic or NGO source) or `inferred` "
            "(a judgement from other facts, explained in `note`)."
        ),
    )
    valid_from: Day | None = Field(
        default=None, description="First day on which the value held (open-ended when absent)."
    )
    valid_to: Day | None = Field(
        default=None, description="Last day on which the value held (still holds when absent)."
    )

    @model_validator(mode="after")
    def _period_runs_forward(self) -> Fact[T]:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is earlier than valid_from")
        return self

    @property
    def is_unknown(self) -> bool:
        """True when the value is the explicit unknown marker."""
        return isinstance(self.value, str) and self.value == UNKNOWN

    def holds_on(self, day: dt.date) -> bool:
        """Whether this value's period of validity covers ``day``."""
        started = self.valid_from is None or self.valid_from <= day
        not_ended = self.valid_to is None or day <= self.valid_to
        return started and not_ended


if TYPE_CHECKING:
    # What the runtime class below produces, spelled so that type checkers understand it.
    Dated: TypeAlias = Union[Fact[T], list[Fact[T]]]  # noqa: UP007
else:

    class Dated:
        """Type of a profile field: one fact, or a history of dated facts.

        ``Dated[bool]`` means ``Fact[bool] | list[Fact[bool]]``. It is a class rather than a
        ``Union`` alias because pydantic resolves ``Fact[T]`` to ``Fact`` itself, which would
        leave the alias with nothing to parametrise.
        """

        def __class_getitem__(cls, item: Any) -> Any:
            # A runtime type expression: `X | Y` does not accept pydantic's parametrised generics here.
            return Union[Fact[item], list[Fact[item]]]  # type: ignore[valid-type]  # noqa: UP007


def history(field: Any) -> list[Fact[Any]]:
    """Every fact recorded for a field, as a list (empty when the field is absent)."""
    if field is None:
        return []
    if isinstance(field, Fact):
        return [field]
    return list(field)


def select(field: Any, day: dt.date) -> Fact[Any] | None:
    """The fact that held on ``day``, or None when no recorded value covers it.

    When several values cover the day (an overlap, which ``audit check`` reports),
    the one that started last wins, so the newest statement of the law is used.
    """
    if isinstance(field, Fact):  # a single value, the common case: no history to sort
        return field if field.holds_on(day) else None
    candidates = [fact for fact in history(field) if fact.holds_on(day)]
    if not candidates:
        return None
    return max(candidates, key=lambda f: f.valid_from or dt.date.min)
