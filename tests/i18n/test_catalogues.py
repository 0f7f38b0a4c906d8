"""The interface catalogues: complete, not fuzzy, in step with the source, and compiled.

The ``.mo`` files are committed (so a plain ``pip install`` ships them with no build step), which makes
a stale one possible: these tests fail when a string was added to the code or a template without
``pybabel extract``/``update``, when a translation is missing or fuzzy, and when the ``.mo`` is not what
``pybabel compile`` makes of the ``.po`` (the commands are in ``babel.cfg`` and the README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from trafficking_audit.models.language import LANGUAGES, LOCALE_DIR, SOURCE, Language

ROOT = Path(__file__).resolve().parent.parent.parent
OTHERS = [code for code in LANGUAGES if code != SOURCE]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "n_": (1, 2)}


def catalogue(code: str):  # noqa: ANN201 - a babel Catalog
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "messages.po", "rb") as stream:
        return read_po(stream)


def source_messages() -> set[str]:
    """Every message id the code and the templates ask for, extracted as babel.cfg says."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("code", OTHERS)
def test_the_catalogue_has_every_message_of_the_source_and_no_other(code: str) -> None:
    wanted = source_messages()
    held = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(code) if m.id}
    assert sorted(wanted - held) == [], "run pybabel extract and update (babel.cfg): missing from the catalogue"
    assert sorted(held - wanted) == [], "obsolete entries: run pybabel update (babel.cfg)"


@pytest.mark.parametrize("code", OTHERS)
def test_every_entry_is_translated_and_none_is_fuzzy(code: str) -> None:
    problems = []
    for message in catalogue(code):
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy or not all(forms):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("code", OTHERS)
def test_the_compiled_catalogue_is_the_compiled_po(code: str) -> None:
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "messages.mo", "rb") as stream:
        compiled = read_mo(stream)
    po = catalogue(code)
    expected = {_key(m.id): _key(m.string) for m in po if m.id and not m.fuzzy}
    found = {_key(m.id): _key(m.string) for m in compiled if m.id}
    assert found == expected, "stale .mo: run pybabel compile -d trafficking_audit/locale"
    assert compiled.plural_forms == po.plural_forms


def _key(value: object) -> object:
    return value if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]


def test_russian_counts_take_the_three_plural_forms() -> None:
    russian = Language("ru")
    words = [russian.ngettext("%(num)s rule", "%(num)s rules", n) % {"num": n} for n in (1, 2, 5, 11, 21, 22, 25)]
    assert words == ["1 норма", "2 нормы", "5 норм", "11 норм", "21 норма", "22 нормы", "25 норм"]


def test_dates_numbers_and_countries_are_written_for_the_locale() -> None:
    import datetime as dt

    russian, english = Language("ru"), Language("en")
    assert russian.date(dt.date(2026, 12, 2)) == "2 декабря 2026\u202fг."  # CLDR: a narrow no-break space
    assert english.date(dt.date(2026, 12, 2)) == "2026-12-02"
    assert russian.number(0.5, 1) == "0,5"
    assert russian.country("KZ", "Kazakhstan") == "Казахстан"
    assert russian.country("US", "United States") == "Соединённые Штаты"  # pycountry's «штаты» corrected
    assert russian.country("XX", "Freedonia") == "Freedonia"  # not a country of ISO 3166: its own name
    assert english.country("KZ", "Republic of Kazakhstan") == "Republic of Kazakhstan"
