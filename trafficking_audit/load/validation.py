"""Pydantic validation with errors mapped back to ``file:line:col``.

Pydantic reports an error location as a tuple that mixes data keys with the names
of union branches (``function-after[...]``, ``list[...]``); we keep only the steps
that exist in the data, look the position up in the parsed :class:`Document`, and
turn the several errors of a failed union into one readable message.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from trafficking_audit.errors import InputError, InputErrors
from trafficking_audit.load.yamlsource import Document, PathKey

M = TypeVar("M", bound=BaseModel)

# Messages from the union branch that did not apply (a single fact vs a history,
# the `unknown` literal) only add noise when another branch explains the problem.
_NOISE = ("Input should be a valid list", "Input should be 'unknown'", "Input should be a valid dictionary")


def validate(model: type[M], doc: Document) -> M:
    """Validate ``doc.data`` as ``model``, raising its positioned problems (see :func:`to_input_error`)."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise to_input_error(exc, doc) from None


def data_path(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """The steps of a pydantic ``loc`` that exist in ``data`` (branch names dropped)."""
    path: list[str | int] = []
    current = data
    for step in loc:
        in_dict = isinstance(current, dict) and isinstance(step, str) and step in current
        in_list = isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)
        if in_dict or in_list:
            current = current[step]
            path.append(step)
        elif isinstance(current, dict) and isinstance(step, str) and not _is_branch(step):
            path.append(step)  # a missing or unknown key: keep it for the message
            current = None
    return tuple(path)


def _is_branch(step: str) -> bool:
    return "[" in step or step in ("function-after", "function-before", "tagged-union")


def to_input_error(exc: ValidationError, doc: Document) -> InputError:
    """Every problem of the document in file order, each positioned: one :class:`InputError`, or an
    :class:`InputErrors` when there are several (pydantic reports them all, so a user fixes a file in one
    pass instead of one error per run)."""
    grouped: dict[PathKey, list[ErrorDetails]] = {}
    for error in exc.errors(include_url=False):
        grouped.setdefault(data_path(doc.data, error["loc"]), []).append(error)

    # A union branch that failed only because the value had the other shape ("should be a
    # valid list") is noise when a deeper error explains what is wrong inside the value.
    for path in list(grouped):
        noise_only = all(str(e["msg"]).startswith(_NOISE) for e in grouped[path])
        deeper = any(other[: len(path)] == path and len(other) > len(path) for other in grouped)
        if noise_only and deeper and len(grouped) > 1:
            del grouped[path]

    def order(item: tuple[PathKey, list[ErrorDetails]]) -> tuple[int, int, int]:
        pos = doc.position(item[0])
        return (pos.line or 0, pos.column or 0, -len(item[0]))

    found = [_positioned(path, errors, doc) for path, errors in sorted(grouped.items(), key=order)]
    return found[0] if len(found) == 1 else InputErrors(found)


def _positioned(path: PathKey, errors: list[ErrorDetails], doc: Document) -> InputError:
    """The errors pydantic reports at one place of the data, as one message with a stable code."""
    messages = []
    for error in errors:
        message = _message(error)
        if message not in messages:
            messages.append(message)
    useful = [m for m in messages if not m.startswith(_NOISE)] or messages
    where = ".".join(str(p) for p in path) or "(top level)"
    code = "schema-unknown-field" if any(e["type"] == "extra_forbidden" for e in errors) else "schema"
    if any(e["type"] == "missing" for e in errors):
        code = "schema-missing-field"
    return InputError(f"{where}: {'; '.join(useful)}", doc.position(path), code=code)


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (not in the schema)"
    if kind == "missing":
        return "required field is missing"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message
