"""Making problems: from a position, or from the loader's positioned errors, with stable codes.

The loader raises the errors of a file as an :class:`~trafficking_audit.errors.InputError`
(several at once as :class:`~trafficking_audit.errors.InputErrors`), each with a code; ``audit check``
turns each into a problem at the same place. The catalogue of every code the checks emit, with
its level and what it means, is :data:`trafficking_audit.models.check.CODES` (a data
contract: the SARIF renderer lists it as the tool's rules and a test keeps it complete).
"""

from __future__ import annotations

from trafficking_audit.errors import InputError, InputErrors, Position
from trafficking_audit.models.check import CODES, Level, Problem

# Schema errors the models raise with a plain message get their own code here.
_SCHEMA_CODES = {"valid_to is earlier than valid_from": "period-backwards"}


def at(position: Position, message: str, code: str, level: Level | None = None) -> Problem:
    """A problem at ``position``, at the level ``CODES`` gives the code unless told."""
    return Problem(
        path=position.path,
        line=position.line or 1,
        col=position.column or 1,
        level=level or CODES.get(code, ("error", ""))[0],
        message=message,
        code=code,
    )


def from_error(exc: InputError, path: str) -> list[Problem]:
    """The problems an :class:`InputError` of the loader describes, one per positioned error when it
    holds several (:class:`InputErrors`), in file ``path`` where one has no position."""
    found = exc.errors if isinstance(exc, InputErrors) else [exc]
    return [_problem(one, path) for one in found]


def _problem(exc: InputError, path: str) -> Problem:
    code = exc.code
    for text, specific in _SCHEMA_CODES.items():
        if code == "schema" and text in exc.message:
            code = specific
    return at(exc.position or Position(path), exc.message, code, level="error")
