"""The rulebook's texts in another language: a malformed file is a positioned error, a missing or
stale text is a gap that ``audit check`` reports, and a translation replaces the English it was made from."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook, load_rulebook
from trafficking_audit.load.translations import (
    english_hash,
    english_texts,
    load_translation,
    translated,
    translation_file,
    translation_gaps,
)

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder, ignore=shutil.ignore_patterns("translations"))
    (folder / "translations").mkdir()
    return folder


def write(rules: Path, text: str) -> None:
    translation_file(rules, "ru").write_text(text, encoding="utf-8")


def first_rule(book: Rulebook) -> str:
    return book.rules[0].id


def test_the_hash_is_the_first_12_hex_digits_of_the_sha256_of_the_english_text() -> None:
    assert english_hash("Palermo Protocol") == hashlib.sha256(b"Palermo Protocol").hexdigest()[:12]
    assert english_hash("Palermo Protocol") == "e995c82a824a"


def test_a_translation_replaces_the_english_and_a_missing_text_stays_english(rules: Path) -> None:
    book = load_rulebook(rules)
    rule = book.rules[0]
    entry = f'{{text: "Заголовок", en: "{english_hash(rule.title)}"}}'
    write(rules, f"lang: ru\nrules:\n  {rule.id}:\n    title: {entry}\n")
    translation = load_translation(rules, "ru", book)
    localised = translated(book, translation)
    assert localised.rules[0].title == "Заголовок"
    assert localised.rules[0].summary == rule.summary  # not translated: the English stands in
    assert book.rules[0].title == rule.title  # the English rulebook is left as it was
    gaps = {(g.code, g.source.loc) for g in translation_gaps(book, translation)}
    assert ("missing-translation", ("rules", rule.id, "summary")) in gaps
    assert not any(loc == ("rules", rule.id, "title") for _, loc in gaps)
    assert len(gaps) == len(english_texts(book)) - 1


def test_a_translation_of_other_english_is_stale(rules: Path) -> None:
    book = load_rulebook(rules)
    write(rules, f'lang: ru\nrules:\n  {first_rule(book)}:\n    title: {{text: "Старый", en: "000000000000"}}\n')
    translation = load_translation(rules, "ru", book)
    (stale,) = [g for g in translation_gaps(book, translation) if g.code == "stale-translation"]
    assert stale.source.loc == ("rules", first_rule(book), "title")
    assert stale.position is not None and (stale.position.line, stale.position.column) == (4, 13)
    assert english_hash(book.rules[0].title) in stale.message


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("lang: en\n", 1, "`lang` must be 'ru'"),
        ("lang: ru\nrules:\n  no-such-rule:\n    title: {text: x, en: 000000000000}\n", 3, "no rule with id"),
        ("lang: ru\nrules:\n  RULE:\n    colour: {text: x, en: 000000000000}\n", 4, "unknown field 'colour'"),
        ("lang: ru\nrules:\n  RULE:\n    title: {text: x, en: abc}\n", 4, "`en` must be 12 lower-case hex"),
        ("lang: ru\nrules:\n  RULE:\n    title: {text: '', en: 000000000000}\n", 4, "`text` must be a non-empty"),
        ("lang: ru\nrules:\n  RULE:\n    title: plain text\n", 4, "expected {text: ..., en: ...}"),
        ("lang: ru\nareas:\n  nowhere: {text: x, en: 000000000000}\n", 3, "no rule file with id 'nowhere'"),
        ("lang: ru\nglossary: {}\n", 2, "unknown section 'glossary'"),
    ],
)
def test_a_malformed_translation_is_a_positioned_error(rules: Path, body: str, line: int, message: str) -> None:
    book = load_rulebook(rules)
    write(rules, body.replace("RULE", first_rule(book)))
    with pytest.raises(InputError) as caught:
        load_translation(rules, "ru", book)
    assert caught.value.position is not None
    assert caught.value.position.path.endswith("translations/ru.yaml")
    assert caught.value.position.line == line
    assert message in caught.value.message


def test_the_translations_folder_is_not_read_as_a_rule_file(rules: Path) -> None:
    write(rules, "lang: ru\n")
    assert [r.id for r in load_rulebook(rules).rules] == [r.id for r in load_rulebook(ROOT / "rules").rules]
