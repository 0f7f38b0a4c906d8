"""JSON output: the result models serialised with sorted, stable formatting.

The JSON report is the documented machine-readable contract (``schema_version``
tells consumers which one). Keys and enum values are English in every language; the texts
(titles, headline, reasons, recommendations) are in the language asked for, which a report
names in ``lang``. Keys keep the models' field order; output ends with a
newline so files diff cleanly.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # the C escaping json.dumps uses (ensure_ascii=False)
from typing import Any

from pydantic import BaseModel

from trafficking_audit.models.language import ENGLISH, Language


def dump(model: BaseModel, lang: Language | None = None) -> str:
    """Stable, indented JSON for any result model; with ``lang``, the language of its texts as ``"lang"``
    (after ``schema_version`` where there is one, else first)."""
    data: Any = model.model_dump(mode="json")
    return text(data if lang is None else with_lang(data, lang))


def text(data: Any) -> str:
    """The one JSON layout of every output: indented, UTF-8, a newline at the end.

    It is ``json.dumps(data, indent=2, ensure_ascii=False)``, character for character. The standard library
    writes indented JSON with its pure-Python encoder, a generator per container that passes every piece up
    through every level above it (7.7 ms for the Kazakhstan report's 400 KB, on every ``audit run --format
    json`` that is not a cache hit; 4.1 ms here). So the plain values a model dumps to (strings, numbers,
    booleans, None, lists, string-keyed dicts) are written here in one pass, strings by the standard
    library's own (C) escaping; anything else, and any error, goes to ``json.dumps`` itself
    (tests/render/test_json_layout.py compares the two).
    """
    chunks: list[str] = []
    try:
        _write(data, chunks, "\n")
    except (_Other, RecursionError):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    chunks.append("\n")
    return "".join(chunks)


class _Other(Exception):
    """A value :func:`_write` leaves to ``json.dumps`` (a non-string key, an unknown type)."""


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append the JSON of ``value`` to ``out``, its nested lines starting with ``newline`` + two spaces."""
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            _write(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Other
            out.append(separator)
            separator = "," + inner
            out.append(_string(key))
            out.append(": ")
            _write(item, out, inner)
        out.append(newline + "}")
    else:
        raise _Other


def _float(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``: NaN and the infinities as JavaScript names them)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def with_lang(data: dict[str, Any], lang: Language) -> dict[str, Any]:
    """``data`` with ``"lang"`` after ``schema_version`` (or first)."""
    items = list(data.items())
    at = next((i + 1 for i, (key, _) in enumerate(items) if key == "schema_version"), 0)
    return dict([*items[:at], ("lang", lang.code), *items[at:]])


def render_listing(summaries: list[BaseModel], lang: Language = ENGLISH) -> str:
    """``audit list``: a JSON list of jurisdiction summaries, in the order given."""
    return text([s.model_dump(mode="json") for s in summaries])


def render_audit(audit: BaseModel, lang: Language = ENGLISH) -> str:
    """The audit report as JSON."""
    return dump(audit, lang)


def render_research_plan(plan: BaseModel, lang: Language = ENGLISH) -> str:
    """``audit gaps``: the research plan as JSON (`evidence_needed`, ordered as in every report)."""
    return dump(plan, lang)


def render_diff(diff: BaseModel, lang: Language = ENGLISH) -> str:
    """The diff as JSON: `left`, `right`, `counts`, `pillars`, `rules` in rulebook order, and more."""
    return dump(diff, lang)


def render_trend(trend: BaseModel, lang: Language = ENGLISH) -> str:
    """The trend as JSON: `points` (date, scores, outcomes) and `changes` (date, rule, from, to, facts)."""
    return text(with_lang(trend.model_dump(mode="json", by_alias=True), lang))


def render_overview(overview: BaseModel, lang: Language = ENGLISH) -> str:
    """The overview (matrix and scores) as JSON."""
    return dump(overview, lang)


def render_matrix(overview: Any, lang: Language = ENGLISH) -> str:
    """``matrix.json``: each jurisdiction's headlined score (null below the minimum coverage) with its bounds,
    and one row per jurisdiction and rule, as open data."""
    rows = [cell.model_dump(mode="json") for cell in overview.cells]
    scores = [
        row.model_dump(mode="json", include={"id", "score", "score_low", "score_high", "coverage"})
        for row in overview.jurisdictions
    ]
    data = {
        "as_of": overview.as_of.isoformat(),
        "rulebook_version": overview.rulebook_version,
        "jurisdictions": scores,
        "rows": rows,
    }
    return text(data)


def render_rules_list(rules: Any, lang: Language = ENGLISH) -> str:
    """``audit rules list``: a JSON list of rules (id, title, pillar, severity, obligation, citations...)."""
    return render_listing(rules.rules)


def render_rule_page(page: BaseModel, lang: Language = ENGLISH) -> str:
    """``audit rules show``: the rule as written, with its file and the instruments it cites."""
    return dump(page, lang)


def render_rule_tests(report: BaseModel, lang: Language = ENGLISH) -> str:
    """``audit rules test``: every example's result, the gaps, and the passed and failed counts."""
    return dump(report)


def render_coverage(report: BaseModel, lang: Language = ENGLISH) -> str:
    """``audit rules coverage``: counts per instrument and every provision with its rules or reason."""
    return dump(report)


def render_rules_diff(report: BaseModel, lang: Language = ENGLISH) -> str:
    """``audit rules diff REV``: rule changes and the findings they move, per profile."""
    return dump(report)
