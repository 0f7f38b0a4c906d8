"""Profile field paths, as the rule language names them, checked against the schema.

Rules refer to profile facts by dotted path (``offence.means_role``). A path that the
profile schema does not have must be a load error of the rule file, not a silent
"not met"; this module answers "is this a fact path, and of what type?" from the
pydantic models themselves, and reads a path's value from a profile.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from trafficking_audit.models.facts import Fact, history
from trafficking_audit.models.profile import Profile

# Fields of a free-keyed mapping (``treaties``) accept any key at this step.
ANY_KEY = "*"


class PathError(ValueError):
    """A dotted path that does not name a fact of the profile schema."""


def _strip_optional(annotation: Any) -> list[Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _fact_value_type(annotation: Any) -> Any | None:
    """For a ``Dated[T] | None`` annotation, the Fact class; else None."""
    for option in _strip_optional(annotation):
        if isinstance(option, type) and issubclass(option, Fact):
            return option
    return None


@cache
def fact_values(path: str) -> tuple[str, tuple[Any, ...] | None]:
    """Check ``path`` and describe its value: a kind (bool, int, number, str, list, enum) and, for
    enumerations, the allowed values. Raises :class:`PathError` naming the first bad segment."""
    return _describe(_fact_field(path)[1])


@cache
def fact_description(path: str) -> str:
    """The schema's description of the fact at ``path`` (what the field records)."""
    return _fact_field(path)[0].description or ""


def _fact_field(path: str) -> tuple[Any, type[Fact[Any]]]:
    """The pydantic field at ``path`` and its Fact class; :class:`PathError` naming the first bad segment."""
    model: Any = Profile
    dict_value: Any = None  # the value model of a free-keyed mapping, once inside one
    parts = path.split(".")
    for index, part in enumerate(parts):
        so_far = ".".join(parts[: index + 1])
        if model is ANY_KEY:
            model = dict_value  # `part` is the free key itself (an instrument id)
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise PathError(f"'{path}' goes past a fact at '{'.'.join(parts[:index])}'")
        field = model.model_fields.get(part)
        if field is None:
            known = ", ".join(sorted(model.model_fields))
            raise PathError(f"'{path}': '{part}' is not a field here (known: {known})")
        fact_cls = _fact_value_type(field.annotation)
        if fact_cls is not None:
            if index != len(parts) - 1:
                raise PathError(f"'{path}' goes past the fact '{so_far}'")
            return field, fact_cls
        options = _strip_optional(field.annotation)
        option = options[0]
        if get_origin(option) is dict:
            dict_value = get_args(option)[1]
            model = ANY_KEY
        else:
            model = option
    raise PathError(f"'{path}' names a section, not a fact")


def _describe(fact_cls: type[Fact[Any]]) -> tuple[str, tuple[Any, ...] | None]:
    annotation = fact_cls.model_fields["value"].annotation
    options = [a for a in get_args(annotation) if a != typing.Literal["unknown"]]
    inner = options[0] if options else annotation
    base = get_args(inner)[0] if get_origin(inner) is typing.Annotated else inner
    if get_origin(base) is typing.Literal:
        return "enum", get_args(base)
    if get_origin(base) is list:
        item = get_args(base)[0]
        item = get_args(item)[0] if get_origin(item) is typing.Annotated else item
        return "list", get_args(item) if get_origin(item) is typing.Literal else None
    if base is bool:
        return "bool", None
    if base is int:
        return "int", None
    if base is float:
        return "number", None
    return "str", None


def read(profile: Profile, path: str) -> Any:
    """The raw field at ``path`` (a Fact, a list of Facts, or None when absent)."""
    current: Any = profile
    for part in _parts(path):
        if current is None:
            return None
        current = current.get(part) if isinstance(current, dict) else getattr(current, part, None)
    return current


@lru_cache(maxsize=4096)
def _parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def fact_paths(section: BaseModel, prefix: str = "") -> list[str]:
    """Every fact path of a profile (or of one of its sections), in schema order.

    The schema gives the fields; the instance gives the keys of free-keyed mappings
    (``treaties.<instrument>``), taken in sorted order. Lists of records (sources,
    statistics, TIP tiers) hold no facts and are not walked.
    """
    return [path for path, _field in _walk(section, prefix)]


def iter_facts(profile: Profile) -> Iterator[tuple[str, list[Fact[Any]]]]:
    """Every fact the profile records, as (dotted path, its history), in schema order.

    A single fact comes as a one-element history; absent fields are skipped. The
    YAML location of a path is its dotted parts (plus the index of an entry when
    the field holds a list), which is how ``audit check`` positions its messages.
    """
    for path, field in _walk(profile, ""):
        if field is not None:
            yield path, history(field)


def _walk(section: BaseModel, prefix: str) -> Iterator[tuple[str, Any]]:
    """(path, field value) of every fact field of ``section``, in schema order (see :func:`fact_paths`)."""
    for name, is_fact in _fields(type(section)):
        path = f"{prefix}{name}"
        value = getattr(section, name)
        if is_fact:
            yield path, value
        elif isinstance(value, BaseModel):
            yield from _walk(value, f"{path}.")
        elif isinstance(value, dict):
            for key in sorted(value):
                if isinstance(value[key], BaseModel):
                    yield from _walk(value[key], f"{path}.{key}.")


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(name, whether it holds a fact) of each field of a model class, in schema order: from the class alone,
    so found once per class (every check of every profile walks the same few dozen classes)."""
    return tuple((name, _fact_value_type(field.annotation) is not None) for name, field in model.model_fields.items())
