"""The language a command writes in: a value handed from the command line down to the engine and the renderers.

Why a value and not a global: a batch (``run --all``), a test or a library caller may write two
languages in one process, and a renderer stays a pure function of its arguments. The interface
strings are gettext messages (catalogues in ``trafficking_audit/locale/<lang>/LC_MESSAGES``,
extracted and compiled with Babel, see ``babel.cfg``); dates and numbers are formatted for the
locale by Babel and country names come from pycountry's ISO 3166 translations. English is the
source language: it needs no catalogue, and formats as the reports always have (ISO dates, decimal
point), so an English report imports neither Babel nor the catalogues.
"""

from __future__ import annotations

import datetime as dt
import gettext as stdlib_gettext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from trafficking_audit.errors import InputError

LANGUAGES: tuple[str, ...] = ("en", "ru")  # every language with a catalogue; the first is the source language
SOURCE = LANGUAGES[0]
ENV_VAR = "AUDIT_LANG"
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# The Unicode minus and the narrow no-break space Babel writes for Russian are kept: they are the locale's.


def N_(message: str) -> str:  # noqa: N802 - the conventional name, which Babel's extraction looks for
    """Mark a message for extraction without translating it (it is translated where it is shown)."""
    return message


@dataclass(frozen=True)
class Language:
    """One of :data:`LANGUAGES`, with its messages and its ways of writing dates, numbers and countries."""

    code: str = SOURCE

    @property
    def is_source(self) -> bool:
        """Whether this is English, the language the messages are written in."""
        return self.code == SOURCE

    def gettext(self, message: str) -> str:
        """``message`` in this language (itself when the catalogue lacks it)."""
        return message if self.is_source else _catalogue(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for the number ``n`` (Russian has three: 1 норма, 2 нормы, 5 норм)."""
        if self.is_source:
            return singular if n == 1 else plural
        return _catalogue(self.code).ngettext(singular, plural, n)

    def date(self, day: dt.date) -> str:
        """A date as this language writes it in running text: ``2026-12-02``; ``2 декабря 2026 г.``."""
        if self.is_source:
            return day.isoformat()
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=self.code))

    def number(self, value: float, digits: int = 0) -> str:
        """A number rounded to ``digits`` decimals: ``0.5`` in English, ``0,5`` in Russian."""
        if self.is_source:
            return f"{value:.{digits}f}"
        from babel.numbers import format_decimal

        pattern = "0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(round(value, digits), format=pattern, locale=self.code))

    def percent(self, share: float) -> str:
        """A 0-1 share as a whole percentage: ``45%``; ``45 %``."""
        if self.is_source:
            return f"{round(100 * share)}%"
        from babel.numbers import format_percent

        return str(format_percent(round(share, 2), locale=self.code))

    def country(self, iso2: str, name: str) -> str:
        """The country's name in this language from ISO 3166 (pycountry's translations), else ``name``.

        English keeps the profile's own name (the reports always showed it); a code that is not a
        country's (a fixture's, a sub-national profile's) keeps it in every language.
        """
        if self.is_source:
            return name
        return _country_names(self.code).get(iso2.upper(), name)


@lru_cache(maxsize=len(LANGUAGES))
def _catalogue(code: str) -> stdlib_gettext.NullTranslations:
    """The compiled catalogue of a language (read once)."""
    return stdlib_gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code])


# Where pycountry's catalogue misspells a name the reports use: Russian writes «Штаты» of the
# United States with a capital, as a part of the proper name (pycountry has «Соединённые штаты»).
_CORRECTIONS = {"ru": {"US": "Соединённые Штаты"}}


@lru_cache(maxsize=len(LANGUAGES))
def _country_names(code: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> the country's name in ``code``, from pycountry's bundled catalogue (corrected
    where :data:`_CORRECTIONS` says)."""
    import pycountry

    names = stdlib_gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)
    return {c.alpha_2: names.gettext(c.name) for c in pycountry.countries} | _CORRECTIONS.get(code, {})


ENGLISH = Language(SOURCE)


def language(code: str | None) -> Language:
    """The language named ``code`` (None or empty: English); any other name is a usage error listing them."""
    if not code:
        return ENGLISH
    if code not in LANGUAGES:
        raise InputError(f"--lang {code}: unknown language; expected one of {', '.join(LANGUAGES)}", code="usage")
    return Language(code)
