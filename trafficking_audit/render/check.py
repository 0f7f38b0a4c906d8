"""Renderers of ``audit check`` reports: plain text, JSON, SARIF, GitHub workflow commands, Markdown.

A check's formats are those of CI tools, not of reports (``text``, ``json``,
``sarif``, ``github``), so they have their own small registry, ``CHECK_FORMATS``,
beside the report formats of ``render/__init__.py``; the CLI and the tests loop
over it. The Markdown summary is what ``audit check`` appends to a GitHub job's
step summary. Every function is pure: a :class:`CheckReport` in, a string out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trafficking_audit.models.check import CheckReport, FindingChange, Problem
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.render import check_format
from trafficking_audit.render.jsonout import dump
from trafficking_audit.render.sarif import render_sarif
from trafficking_audit.render.text import fmt_value
from trafficking_audit.render.visible import visible_data


def problem_line(problem: Problem) -> str:
    """``path:line:col: level: message [code]``, the yamllint-style line (always one line)."""
    message = " ".join(problem.message.split())
    return f"{problem.path}:{problem.line}:{problem.col}: {problem.level}: {message} [{problem.code}]"


def change_line(change: FindingChange) -> str:
    """``path:line:col: jurisdiction: rule (title): before -> after``."""
    flag = " [regression]" if change.regression else ""
    return (
        f"{change.path}:{change.line}:{change.col}: {change.jurisdiction}: {change.rule} ({change.title}): "
        f"{change.before} -> {change.after}{flag}"
    )


def fact_lines(change: FindingChange) -> list[str]:
    """One line per fact behind a change: old and new value, provision and sources."""
    lines = []
    for fact in change.facts:
        text = f"{fact.fact}: {_value(fact.before)} -> {_value(fact.after)}"
        if fact.provision:
            text += f" ({fact.provision})"
        if fact.sources:
            text += "; sources: " + "; ".join(f"{s.id}: {s.title}" for s in fact.sources)
        lines.append(text)
    return lines


def _value(value: Any) -> str:
    return "unknown" if value is None else fmt_value(value)


def summary_line(report: CheckReport, lang: Language = ENGLISH) -> str:
    """How many errors, warnings and regressions, in how many files."""
    _, n_ = lang.gettext, lang.ngettext
    text = _("{errors}, {warnings} in {files}").format(
        errors=n_("{n} error(s)", "{n} error(s)", report.errors).format(n=report.errors),
        warnings=n_("{n} warning(s)", "{n} warning(s)", report.warnings).format(n=report.warnings),
        files=n_("{n} file", "{n} files", report.files).format(n=report.files),
    )
    if report.base is not None:
        changed = len(report.changes)
        text += n_(
            "; {n} finding(s) changed since {base}, {worse} worse",
            "; {n} finding(s) changed since {base}, {worse} worse",
            changed,
        ).format(n=changed, base=report.base, worse=report.regressions)
    return text + "."


def render_text(report: CheckReport, lang: Language = ENGLISH) -> str:
    """Problems one per line, sorted; then the findings changed since the base revision; then a summary."""
    lines = [problem_line(p) for p in report.problems]
    if report.base is not None:
        if lines:
            lines.append("")
        lines.append(
            lang.gettext("Findings changed since {base} (law as of {day}):").format(base=report.base, day=report.as_of)
        )
        for change in report.changes:
            lines.append(change_line(change))
            lines.extend(f"    {text}" for text in fact_lines(change))
        if not report.changes:
            lines.append("    " + lang.gettext("none"))
        lines.extend(f"note: {note}" for note in report.notes)
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"


def render_json(report: CheckReport, lang: Language = ENGLISH) -> str:
    """The report model as JSON."""
    return dump(report)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, path: str, line: int, col: int, title: str, message: str) -> str:
    where = f"file={_escape_property(path)},line={line},col={col},title={_escape_property(title)}"
    return f"::{kind} {where}::{_escape_data(message)}"


def render_github(report: CheckReport, lang: Language = ENGLISH) -> str:
    """GitHub Actions workflow commands: one annotation per problem and per changed finding."""
    lines = [_command(p.level, p.path, p.line, p.col, p.code, p.message) for p in report.problems]
    for change in report.changes:
        kind = ("error" if report.fail_on_regression else "warning") if change.regression else "notice"
        message = "\n".join([change_line(change), *fact_lines(change)])
        lines.append(_command(kind, change.path, change.line, change.col, f"finding {change.rule}", message))
    lines.extend(f"::notice::{_escape_data(note)}" for note in report.notes)
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"


def render_summary(report: CheckReport, lang: Language = ENGLISH) -> str:
    """Markdown for a GitHub job's step summary."""
    from trafficking_audit.render.jinja import render_template  # Jinja only for this format

    return render_template(
        lang, "check_summary.md.j2", html=False, report=report, summary=summary_line(report, lang), facts=fact_lines
    )


TERMINAL_FORMATS = ("text", "github")
CHECK_FORMATS: dict[str, Callable[[CheckReport, Language], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}


def render_check(fmt: str, report: CheckReport, lang: Language = ENGLISH) -> str:
    """Render a check report in one of ``CHECK_FORMATS``."""
    function = CHECK_FORMATS[check_format(fmt, CHECK_FORMATS)]
    # Lines for a terminal or a CI log: control characters from data shown, never obeyed.
    return function(visible_data(report) if fmt in TERMINAL_FORMATS else report, lang)
