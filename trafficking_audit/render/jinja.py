"""The Jinja environments for Markdown and HTML templates, with the escaping filters.

Both environments escape every value a template prints unless it is marked as markup, so a
value from data cannot be forgotten: HTML through Jinja's autoescape, Markdown through
:func:`md` (the environment's ``finalize``), which neutralises table pipes, newlines, inline
HTML, emphasis, links and block markers. In a Markdown template, text the template means as
Markdown (a heading's hashes, a macro's output) is :class:`Markup`; fact paths and ids go
through ``code``. URLs become links only for http and https. Both environments are strict
about undefined names so a typo in a template fails loudly in tests rather than printing nothing.

There is one environment per format and language: Jinja's i18n extension with the language's
gettext and ngettext installed (new style, so a translation is escaped like any other value and
takes named placeholders), and the filters that write numbers and dates bound to the language.
The language is an argument of :func:`render_template`, never a process-wide setting.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.result_base import MIN_COVERAGE
from trafficking_audit.render import template_cache
from trafficking_audit.render.citations import cite
from trafficking_audit.render.labels import (
    DISCLAIMER,
    INDICATOR_LABELS,
    OBLIGATION_LABELS,
    OUTCOME_LABELS,
    OUTCOME_SYMBOLS,
    PILLAR_LABELS,
    SEVERITY_LABELS,
    TIER_SHORT,
    TREND_NOTE,
    outcome_label,
    pillar_word,
    score_note,
    translated,
)
from trafficking_audit.render.methodology import methodology_lines
from trafficking_audit.render.plan_text import PLAN_NOTE, STATE_WORDS, decision_text, plan_summary
from trafficking_audit.render.text import (
    basis_line,
    fmt_value,
    history_text,
    pct,
    point_text,
    range_text,
    score_text,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
# What would open a block at the start of a line: a bullet or ordered item, a setext underline or rule.
_MD_BLOCK_START = re.compile(r"^(?:([-+=])(?=[-+=]*\s*$)|([-+])(?=\s)|(\d+)([.)])(?=\s|$))")
_WHITESPACE = re.compile(r"\s+")  # runs of it, newlines included, become one space: one line, no code block
_CODE_SAFE = re.compile(r"^[\w .,:@+/-]+$")


def md(value: Any) -> Markup:
    """Escape text for a Markdown table cell or paragraph: one line, no markup, no pipes.

    Idempotent on :class:`Markup`, so text escaped once (or meant as Markdown) is not escaped twice.
    """
    if isinstance(value, Markup):
        return value
    text = _WHITESPACE.sub(" ", str(value)).replace("&", "&amp;")
    text = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)
    return Markup(_MD_BLOCK_START.sub(_escape_block_start, text))


def _escape_block_start(match: re.Match[str]) -> str:
    bullet = match.group(1) or match.group(2)
    return "\\" + bullet if bullet else match.group(3) + "\\" + match.group(4)


def md_code(value: Any) -> Markup:
    """A fact path, id or file name as a Markdown code span; anything else as escaped text."""
    text = str(value)
    return Markup(f"`{text}`") if _CODE_SAFE.match(text) else md(text)


def md_url(value: Any) -> Markup | None:
    """An http(s) URL for a Markdown link or autolink (``<URL>``), pipes encoded for tables; else None."""
    url = safe_url(value)
    return None if url is None else Markup(url.replace("|", "%7C"))


def md_link(text: Any, url: Any) -> Markup:
    """``[text](<url>)`` for an http(s) URL, else the escaped text alone."""
    target = md_url(url)
    return Markup(f"[{md(text)}](<{target}>)") if target else md(text)


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s), else None (never javascript:, data: or relative)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if re.match(r"^https?://[^\s<>\"'`]+$", url, re.IGNORECASE):
        return url
    return None


def _day(lang: Language) -> Any:
    """The ``day`` filter: a date as ``lang`` writes it (ISO in English); anything else as it is."""

    def day(value: Any) -> Any:
        return lang.date(value) if isinstance(value, dt.date) else value

    return day


def _common(env: Environment, lang: Language) -> Environment:
    """The filters and globals of both environments, their words and numbers in ``lang``."""
    env.filters.update(
        md=md,
        safe_url=safe_url,
        value=partial(fmt_value, lang=lang),
        pct=partial(pct, lang=lang),
        score=score_text,
        point=point_text,
        span=range_text,
        history=partial(history_text, lang=lang),
        outcome=partial(outcome_label, lang=lang),
        decision=partial(decision_text, lang=lang),
        day=_day(lang),
        pillar=partial(pillar_word, lang=lang),
        severity=lambda value: lang.gettext(SEVERITY_LABELS.get(str(value), str(value))),
        obligation=lambda value: lang.gettext(OBLIGATION_LABELS.get(str(value), str(value))),
    )
    env.globals.update(
        lang=lang,
        OUTCOME_LABELS=translated(lang, OUTCOME_LABELS),
        OUTCOME_SYMBOLS=OUTCOME_SYMBOLS,
        PILLAR_LABELS=translated(lang, PILLAR_LABELS),
        DISCLAIMER=lang.gettext(DISCLAIMER),
        SCORE_NOTE=score_note(lang),
        MIN_COVERAGE=MIN_COVERAGE,
        INDICATOR_LABELS=translated(lang, INDICATOR_LABELS),
        TIER_SHORT=TIER_SHORT,
        TREND_NOTE=lang.gettext(TREND_NOTE),
        PLAN_NOTE=lang.gettext(PLAN_NOTE),
        cite=partial(cite, lang=lang),
        methodology=partial(methodology_lines, lang=lang),
        STATE_WORDS=translated(lang, STATE_WORDS),
        plan_summary=partial(plan_summary, lang=lang),
        country=lang.country,
        basis_line=partial(basis_line, lang=lang),
    )
    return env


@lru_cache(maxsize=8)
def environment(html: bool, lang: Language = ENGLISH) -> Environment:
    """The Markdown (html=False) or HTML (html=True) environment.

    Both autoescape. For Markdown, ``finalize`` runs :func:`md` on every printed value first and
    returns :class:`Markup`, which Jinja's HTML escaping then leaves alone; macros return Markup, so
    their output (escaped inside) is not escaped again.
    """
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        # Compiled templates kept between runs, keyed by each template's source and this module's code
        # (options, filters), when the command layer provides a cache (render.use_template_cache).
        bytecode_cache=template_cache("report", html, Path(__file__).read_bytes()),
        autoescape=True,
        finalize=None if html else md,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(lang.gettext, lang.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env = _common(env, lang)
    if not html:
        env.filters.update(code=md_code, safe_url=md_url, link=md_link)
    return env


def render_template(lang: Language, name: str, html: bool, **context: Any) -> str:
    """Render one template file in ``lang``."""
    return environment(html, lang).get_template(name).render(**context)
