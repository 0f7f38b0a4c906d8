"""JSON Schemas of the files users edit, for editors and standard validators.

The pydantic models are the schema: ``model_json_schema()`` of :class:`Profile`
and :class:`RuleFile` carries every field's description, type and allowed values,
so an editor with the YAML language server completes and checks a profile as it
is typed. The committed copies under ``schemas/`` are these, byte for byte (a test
keeps them current; ``audit schema profile -o schemas/profile.schema.json``
regenerates one).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from trafficking_audit.errors import InputError
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.rule import RuleFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (model, file name under schemas/)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "profile": (Profile, "profile.schema.json"),
    "rule": (RuleFile, "rule.schema.json"),
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile or a rule file."""
    if kind not in SCHEMAS:
        raise InputError(f"unknown schema '{kind}' (one of: {', '.join(SCHEMAS)})", code="usage")
    model, _ = SCHEMAS[kind]
    return {"$schema": DIALECT, **model.model_json_schema()}


def schema_text(kind: str) -> str:
    """The schema as stable, indented JSON ending with a newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
