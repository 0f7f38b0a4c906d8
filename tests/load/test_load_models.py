"""Profiles and rules: schema errors mapped to file:line:col, rule paths checked at load time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import load_profile, load_rulebook

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "data"

PROFILE_HEAD = "id: x\nname: X\niso2: XX\niso3: XXX\nlast_reviewed: 2025-01-01\n"


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "col", "fragment"),
    [
        ("offence:\n  exist: {value: true}\n", 7, 3, "offence.exist: unknown field"),
        ("offence:\n  exists: {value: yes please}\n", 7, 3, "offence.exists"),
        (
            "offence:\n  exists: {value: true, valid_from: 2024-01-01, valid_to: 2023-01-01}\n",
            7,
            3,
            "valid_to is earlier",
        ),
        ("protection:\n  reflection_period_days: {value: thirty}\n", 7, 3, "reflection_period_days"),
        ("offence:\n  means_role: {value: sometimes}\n", 7, 3, "constituent"),
        ("sources:\n  - {id: a, title: T}\n", 7, 5, "sources.0.kind: required field is missing"),
    ],
)
def test_profile_schema_errors_are_positioned(tmp_path: Path, body: str, line: int, col: int, fragment: str) -> None:
    path = write(tmp_path, PROFILE_HEAD + body)
    with pytest.raises(InputError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert caught.value.position.column >= col
    assert fragment in message
    assert "\n" not in message


def test_valid_profile_loads(tmp_path: Path) -> None:
    loaded = load_profile(write(tmp_path, PROFILE_HEAD + "offence:\n  exists: {value: unknown}\n"))
    assert loaded.profile.offence.exists.is_unknown


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rules", target)
    return target


def test_rule_with_unknown_path_names_file_and_line(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    core = rules / "core.yaml"
    core.write_text(
        core.read_text().replace("offence.means_role, is: constituent}", "offence.means_rol, is: constituent}", 1)
    )
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    assert caught.value.code == "unknown-path"
    assert caught.value.position.path.endswith("core.yaml")
    assert caught.value.position.line == 14
    assert "means_rol" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            "{fact: protection.reflection_period_days, gte: 30}",
            "{fact: protection.reflection_period_days, is: constituent, gte: 3}",
            "schema",
        ),
        ("{fact: protection.reflection_period_days, gte: 30}", "{fact: protection.shelters, gte: 30}", "bad-operand"),
        ("{fact: offence.means_role, is: constituent}", "{fact: offence.means_role, is: sometimes}", "bad-operand"),
        ("{instrument: cets-197, article", "{instrument: cets-198, article", "unknown-instrument"),
        (
            "{fact: protection.reflection_period_days, gte: 30}",
            "{fact: protection.reflection_period_days, between: 30}",
            "schema-unknown-field",
        ),
        ("  - id: eu-only", "  - id: ratification-core", "duplicate-rule"),
    ],
)
def test_bad_rules_fail_at_load(tmp_path: Path, old: str, new: str, code: str) -> None:
    rules = copy_rules(tmp_path)
    core = rules / "core.yaml"
    text = core.read_text()
    assert old in text
    core.write_text(text.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    assert caught.value.code == code, str(caught.value)
    assert caught.value.position.line is not None


def test_fixture_rulebook_loads() -> None:
    book = load_rulebook(FIXTURES / "rules")
    assert book.version == "test-1"
    assert [r.id for r in book.rules] == [
        "means-core-elements",
        "reflection-period-30d",
        "eu-only",
        "ratification-core",
    ]


def test_a_bad_recommendation_template_loads_and_the_engine_rejects_it_with_its_position(tmp_path: Path) -> None:
    """The loader does not compile templates (no Jinja at load time); the engine's rulebook check does."""
    from trafficking_audit.engine.recommend import check_templates

    rules = copy_rules(tmp_path)
    core = rules / "core.yaml"
    core.write_text(core.read_text().replace("Open a hotline.", "Open {{ a hotline.", 1))
    book = load_rulebook(rules)
    with pytest.raises(InputError) as caught:
        check_templates(book)
    assert caught.value.code == "bad-template"
    assert caught.value.position.path.endswith("core.yaml")
    assert caught.value.position.line == 53
