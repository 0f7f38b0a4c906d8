"""The scaffold generator: valid, complete, commented from the model, and all unknown when audited."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from trafficking_audit.app.identity import Identity, identify
from trafficking_audit.app.scaffold import EXAMPLES, MODELINE, SECTION_HINTS, scaffold, yaml_scalar
from trafficking_audit.engine.audit import findings_for
from trafficking_audit.load.loader import load_profile, load_rulebook
from trafficking_audit.models.facts import UNKNOWN
from trafficking_audit.models.paths import fact_paths
from trafficking_audit.models.profile import Profile, Section, Source, StatisticsYear, TipAssessment
from trafficking_audit.models.rule import Instrument

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SMALL_DATA = HERE.parent / "fixtures" / "small-data"
REVIEWED = dt.date(2025, 6, 30)
IDENTITY_FIELDS = ("id", "name", "iso2", "iso3", "aliases", "region", "last_reviewed", "history_from")


@pytest.fixture(scope="module")
def instruments() -> list[Instrument]:
    return list(load_rulebook(SMALL_DATA / "rules").instruments.values())


@pytest.fixture(scope="module")
def text(instruments) -> str:
    return scaffold(identify("ruritania"), instruments, REVIEWED)


def fact_values_in(data: Any, prefix: str = "") -> dict[str, Any]:
    """Every mapping that holds a `value` key in the raw YAML, by dotted path (the facts as written)."""
    found: dict[str, Any] = {}
    if isinstance(data, dict):
        if "value" in data:
            return {prefix.rstrip("."): data["value"]}
        for key, child in data.items():
            found.update(fact_values_in(child, f"{prefix}{key}."))
    return found


def write(tmp_path: Path, text: str, name: str = "ruritania.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_first_line_is_the_schema_modeline(text) -> None:
    assert text.splitlines()[0] == MODELINE == "# yaml-language-server: $schema=../schemas/profile.schema.json"


def test_scaffold_loads_and_validates(tmp_path, text) -> None:
    profile = load_profile(write(tmp_path, text)).profile
    assert (profile.id, profile.name, profile.iso2, profile.iso3) == ("ruritania", "Ruritania", "XX", "XXX")
    assert profile.last_reviewed == REVIEWED
    assert profile.statistics == [] and profile.tip_tiers == [] and profile.sources == []


def test_scaffold_is_valid_against_the_schema_its_modeline_names(text) -> None:
    schema_path = ROOT / "jurisdictions" / MODELINE.split("$schema=")[1]  # as an editor resolves it
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as ISO strings, as editors see them
    jsonschema.validate(data, schema)


def test_every_fact_path_of_the_model_is_present_and_unknown(text, instruments) -> None:
    expected = set(fact_paths(Profile(id="x", name="X", iso2="XX", iso3="XXX", last_reviewed=REVIEWED)))
    expected |= {f"treaties.{i.id}.status" for i in instruments if i.kind in ("treaty", "ilo-convention")}
    written = fact_values_in(yaml.safe_load(text))
    assert set(written) == expected
    assert set(written.values()) == {UNKNOWN}
    assert len(expected) > 70  # the walk found the nested sections too


def test_treaties_are_the_catalogue_treaties_and_ilo_conventions_in_catalogue_order(text) -> None:
    assert list(yaml.safe_load(text)["treaties"]) == ["untoc", "ilo-c029"]  # not the EU directive
    comments = " ".join(line.strip().lstrip("# ") for line in text.splitlines())  # undo the wrapping
    assert "UN Treaty Collection, chapter XVIII-12." in comments
    assert "ILO NORMLEX, ratifications of C029." in comments


def test_no_treaties_in_the_catalogue_gives_an_empty_mapping(tmp_path) -> None:
    text = scaffold(identify("ruritania"), [], REVIEWED)
    assert yaml.safe_load(text)["treaties"] == {}
    load_profile(write(tmp_path, text))


def comment_above(lines: list[str], index: int) -> str:
    """The comment lines directly above line ``index`` at its indentation, joined."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    parts: list[str] = []
    for line in reversed(lines[:index]):
        if not line.startswith(" " * indent + "# "):
            break
        parts.insert(0, line.strip()[2:])
    return " ".join(parts)


def test_each_fact_and_section_is_commented_with_its_field_description(text) -> None:
    lines = text.splitlines()
    checked = 0

    def walk(model: type[Section], indent: int, start: int) -> None:
        nonlocal checked
        for name, field in model.model_fields.items():
            key = re.compile(rf"^ {{{indent}}}{re.escape(name)}:")
            start = next(i for i in range(start, len(lines)) if key.match(lines[i]))
            assert field.description in comment_above(lines, start), name
            checked += 1
            if isinstance(field.annotation, type) and issubclass(field.annotation, Section):
                walk(field.annotation, indent + 2, start)

    for name, field in Profile.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, Section):
            walk(field.annotation, 2, lines.index(f"{name}:"))
    assert checked > 80


def test_each_section_says_where_to_look(text) -> None:
    lines = text.splitlines()
    sections = [n for n in Profile.model_fields if n not in IDENTITY_FIELDS]
    assert set(SECTION_HINTS) == set(sections)
    for name in sections:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert "Where to look:" in comment_above(lines, index), name
    assert "GRETA" in text and "official gazette" in text and "TIP report" in text


@pytest.mark.parametrize(
    "field, model", [("sources", Source), ("statistics", StatisticsYear), ("tip_tiers", TipAssessment)]
)
def test_commented_example_entries_are_valid_and_complete(text, field, model) -> None:
    assert field in EXAMPLES
    lines = text.splitlines()
    block = []
    for line in lines[lines.index(f"{field}: []") + 2 :]:
        if not line.startswith("#   "):
            break
        block.append(line[2:])  # uncomment
    entries = yaml.safe_load("\n".join(block))
    assert len(entries) == 1 and set(entries[0]) == set(model.model_fields)
    model.model_validate(entries[0])


def test_iso_codes_and_name_from_iso2() -> None:
    data = yaml.safe_load(scaffold(identify("kaz", "KZ"), [], REVIEWED))
    assert (data["id"], data["name"], data["iso2"], data["iso3"]) == ("kaz", "Kazakhstan", "KZ", "KAZ")
    assert "Republic of Kazakhstan" in data["aliases"]


def test_placeholder_codes_come_with_a_todo(text) -> None:
    assert "TODO: no country matches 'ruritania'" in text
    assert re.search(r"^iso2: XX$", text, re.M) and re.search(r"^iso3: XXX$", text, re.M)


def test_generation_is_pure_and_deterministic(instruments) -> None:
    identity = Identity(id="ruritania", name="Ruritania", iso2="XX", iso3="XXX", codes_found=False)
    assert scaffold(identity, instruments, REVIEWED) == scaffold(identity, instruments, REVIEWED)


def test_auditing_the_scaffold_with_the_bundled_rulebook_gives_only_unknown(tmp_path, session) -> None:
    instruments = session.rulebook.instruments.values()
    profile = load_profile(write(tmp_path, scaffold(identify("ruritania"), instruments, REVIEWED))).profile
    findings = findings_for(profile, session.rulebook.rules, REVIEWED, session.rulebook.instruments)
    assert findings
    assert {f.status for f in findings} <= {"unknown", "not_applicable"}


@pytest.mark.parametrize(
    "value",
    [
        "Côte d'Ivoire",
        "Korea, Republic of",
        "yes",
        "No",
        "null",
        "123",
        "2020-01-01",
        "a: b",
        "#x",
        "x #y",
        "unknown",
        "Tier 2 Watch List",
        "",
        " padded ",
        'say "hi"',
        "back\\slash",
    ],
)
def test_strings_read_back_as_themselves(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(value)}")["key"] == value


def test_values_read_back_as_themselves() -> None:
    for value in (True, False, None, 3, 2.5, dt.date(2024, 7, 5), ["a b", "c"], []):
        assert yaml.safe_load(f"key: {yaml_scalar(value)}")["key"] == value
