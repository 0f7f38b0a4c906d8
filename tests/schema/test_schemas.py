"""JSON Schemas: the committed files are current, and the bundled data validates against them
with a standard validator (``jsonschema``), as an editor's YAML language server would check it."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from trafficking_audit.load.loader import NOT_RULE_FILES
from trafficking_audit.models.schemas import SCHEMAS, json_schema, schema_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COMMITTED = ROOT / "schemas"
PROFILES = sorted((ROOT / "jurisdictions").glob("*.yaml"))
RULE_FILES = sorted(p for p in (ROOT / "rules").glob("*.yaml") if p.name not in NOT_RULE_FILES)
FIXTURES = HERE.parent / "fixtures" / "check"


def as_json(value: Any) -> Any:
    """YAML data as JSON would hold it: dates become ISO strings, as editors see them."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    """A validator of the committed schema, itself checked against its dialect's metaschema (once)."""
    schema = json.loads((COMMITTED / SCHEMAS[kind][1]).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def load(path: Path) -> Any:
    """A data file as plain JSON-like data (libyaml when available: the pure-Python parser is slow)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return as_json(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))  # noqa: S506 - a safe loader


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_committed_schema_is_current(kind: str):
    committed = (COMMITTED / SCHEMAS[kind][1]).read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"run: audit schema {kind} -o schemas/{SCHEMAS[kind][1]}"


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_bundled_profile_validates_against_the_profile_schema(path: Path):
    errors = sorted(validator("profile").iter_errors(load(path)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_bundled_rule_file_validates_against_the_rule_schema(path: Path):
    errors = list(validator("rule").iter_errors(load(path)))
    assert not errors, "\n".join(e.message for e in errors[:5])


def test_schema_rejects_what_the_loader_rejects():
    profile = load(FIXTURES / "negative" / "schema.yaml")
    assert not validator("profile").is_valid(profile)
    unknown_field = load(FIXTURES / "negative" / "schema-unknown-field.yaml")
    assert not validator("profile").is_valid(unknown_field)
    assert validator("profile").is_valid(load(FIXTURES / "positive" / "antarctica-fixture.yaml"))


def test_schema_carries_descriptions_for_editors():
    profile = json_schema("profile")
    assert profile["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert profile["properties"]["last_reviewed"]["description"]
    assert profile["additionalProperties"] is False


def test_cli_prints_the_schema_and_refuses_unknown_kinds(cli, tmp_path):
    result = cli("schema", "profile")
    assert result.exit_code == 0
    assert result.stdout == (COMMITTED / "profile.schema.json").read_text(encoding="utf-8")
    target = tmp_path / "rule.schema.json"
    assert cli("schema", "rule", "--output", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text("rule")
    assert cli("schema", "policy").exit_code == 2
