"""The Jinja environments for Markdown and HTML templates, with the escaping filters.

HTML templates are autoescaped; Markdown gets an explicit ``md`` filter that
neutralises table pipes, newlines and inline HTML. URLs become links only for
http and https. Both environments are strict about undefined names so a typo in
a template fails loudly in tests rather than printing nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from trafficking_audit.models.result import MIN_COVERAGE
from trafficking_audit.render.labels import (
    DISCLAIMER,
    INDICATOR_LABELS,
    OUTCOME_LABELS,
    OUTCOME_SYMBOLS,
    PILLAR_LABELS,
    SCORE_NOTE,
    TIER_SHORT,
    TREND_NOTE,
    outcome_label,
)
from trafficking_audit.render.text import fmt_value, history_text, pct, point_text, range_text, score_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(value: Any) -> str:
    """Escape text for a Markdown table cell or paragraph: one line, no markup, no pipes."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s), else None (never javascript:, data: or relative)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if re.match(r"^https?://[^\s<>\"'`]+$", url, re.IGNORECASE):
        return url
    return None


def _common(env: Environment) -> Environment:
    env.filters.update(
        md=md,
        safe_url=safe_url,
        value=fmt_value,
        pct=pct,
        score=score_text,
        point=point_text,
        span=range_text,
        history=history_text,
        outcome=outcome_label,
    )
    env.globals.update(
        OUTCOME_LABELS=OUTCOME_LABELS,
        OUTCOME_SYMBOLS=OUTCOME_SYMBOLS,
        PILLAR_LABELS=PILLAR_LABELS,
        DISCLAIMER=DISCLAIMER,
        SCORE_NOTE=SCORE_NOTE,
        MIN_COVERAGE=MIN_COVERAGE,
        INDICATOR_LABELS=INDICATOR_LABELS,
        TIER_SHORT=TIER_SHORT,
        TREND_NOTE=TREND_NOTE,
    )
    return env


@lru_cache(maxsize=2)
def environment(html: bool) -> Environment:
    """The Markdown (html=False) or HTML (html=True) environment."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return _common(env)


def render_template(name: str, html: bool, **context: Any) -> str:
    """Render one template file."""
    return environment(html).get_template(name).render(**context)
