"""Making problems: from a position, or from the loader's positioned errors, with stable codes.

The loader stops at the first error of a file and raises an
:class:`~trafficking_audit.errors.InputError` with a code; ``audit check`` turns it
into a problem at the same place. ``CODES`` is the catalogue of every code the
checks emit (the loader's included), with its level and what it means: the SARIF
renderer lists it as the tool's rules and a test keeps it complete.
"""

from __future__ import annotations

from trafficking_audit.errors import InputError, Position
from trafficking_audit.models.check import Level, Problem

# code -> (level, description). Loader codes first, then the semantic checks.
CODES: dict[str, tuple[Level, str]] = {
    "file-missing": ("error", "The file does not exist."),
    "file-unreadable": ("error", "The file cannot be read."),
    "file-too-large": ("error", "The file is larger than the loader accepts."),
    "not-utf8": ("error", "The file is not UTF-8 text."),
    "binary": ("error", "The file holds a NUL character."),
    "empty": ("error", "The file is empty."),
    "yaml-syntax": ("error", "YAML syntax error."),
    "yaml-duplicate-key": ("error", "A key appears twice in the same mapping."),
    "yaml-alias": ("error", "YAML anchors, aliases and merge keys are not allowed."),
    "yaml-tag": ("error", "Explicit YAML tags are not allowed."),
    "yaml-complex-key": ("error", "Mapping keys must be plain strings."),
    "yaml-too-deep": ("error", "The YAML nests too deeply."),
    "yaml-too-large": ("error", "The YAML has too many nodes."),
    "yaml-nan": ("error", "NaN and infinity are not allowed."),
    "root-not-mapping": ("error", "The top level must be a mapping."),
    "bad-date": ("error", "A date is not written as a valid YYYY-MM-DD."),
    "schema": ("error", "A value does not fit the schema."),
    "schema-unknown-field": ("error", "A field the schema does not have."),
    "schema-missing-field": ("error", "A required field is missing."),
    "period-backwards": ("error", "A validity period ends before it starts."),
    "duplicate-source": ("error", "Two sources of a profile have the same id."),
    "unknown-source": ("error", "A fact cites a source id the profile does not define."),
    "unused-source": ("warning", "A source no fact cites."),
    "unsourced-fact": ("warning", "A fact with a known value but no source."),
    "bad-url": ("error", "A URL that is not an absolute http(s) URL."),
    "accessed-in-future": ("error", "A source's accessed date is after today."),
    "period-overlap": ("error", "Two entries of a fact's history are valid on the same day."),
    "reviewed-in-future": ("error", "The profile's last_reviewed date is after today."),
    "unknown-country": ("error", "An ISO 3166-1 code that does not exist."),
    "iso-mismatch": ("error", "The alpha-2 and alpha-3 codes name different countries."),
    "id-mismatch": ("error", "The profile id differs from the file name."),
    "unknown-treaty": ("error", "A treaty key that is not an instrument of the catalogue."),
    "treaty-logic": ("error", "Party to a protocol but not to its parent treaty."),
    "duplicate-rule": ("error", "Two rules have the same id."),
    "duplicate-instrument": ("error", "Two instruments have the same id."),
    "unknown-path": ("error", "A rule names a fact path the profile schema lacks."),
    "bad-operand": ("error", "An operator does not suit the fact, or the value is impossible."),
    "unknown-instrument": ("error", "A rule cites an instrument the catalogue lacks."),
    "bad-template": ("error", "A recommendation template does not render."),
    "example-failed": ("error", "A rule example gives another outcome than it expects."),
    "example-invalid": ("error", "A rule example's facts do not make a valid profile."),
    "example-coverage": ("warning", "A rule lacks an example for met, not_met or unknown."),
}

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


def from_error(exc: InputError, path: str) -> Problem:
    """The problem an :class:`InputError` of the loader describes (in file ``path`` if it has no position)."""
    code = exc.code
    for text, specific in _SCHEMA_CODES.items():
        if code == "schema" and text in exc.message:
            code = specific
    return at(exc.position or Position(path), exc.message, code, level="error")
