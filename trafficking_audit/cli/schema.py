"""``audit schema``: print the JSON Schema of profiles or rule files, for editors and validators."""

from __future__ import annotations

from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import OutputOption, guarded

# The keys of `schemas.SCHEMAS`, named here so that `audit --help` need not import the models
# (tests/cli/test_startup.py keeps the two equal).
SCHEMA_KINDS = ("profile", "rule")

EPILOG = """Examples:

  audit schema profile

  audit schema rule --output schemas/rule.schema.json

  audit schema profile | check-jsonschema --schemafile /dev/stdin jurisdictions/*.yaml

In an editor with the YAML language server, start a profile with:

  # yaml-language-server: $schema=../schemas/profile.schema.json
"""


@guarded
def schema(
    kind: Annotated[str, typer.Argument(help=f"Which schema: {' or '.join(SCHEMA_KINDS)}.", show_default=False)],
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a profile or of a rule file."""
    from trafficking_audit.models.schemas import schema_text

    emit(schema_text(kind), output)
