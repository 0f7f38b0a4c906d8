"""``audit trend``: one jurisdiction on every date its recorded law changed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    DataOption,
    FormatOption,
    LangOption,
    OutputOption,
    RuleOption,
    SkipRuleOption,
    StandardOption,
    chosen_language,
    guarded,
    open_session,
    parse_date,
    print_warnings,
    terminal_width,
    want_color,
    warning_lines,
)
from trafficking_audit.errors import InputError
from trafficking_audit.render import format_for, render

EPILOG = """Examples:

  audit trend kazakhstan

  audit trend kz --every year --format json

  audit trend kazakhstan --from 2022-01-01 --format html --output reports/kazakhstan-trend.html

  audit trend kz --standard palermo-protocol --format md
"""


@guarded
def trend(
    jurisdiction: Annotated[
        str,
        typer.Argument(
            help="Profile id, ISO 3166 code (kz, KAZ), alias, or path to a YAML profile.", show_default=False
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First date (YYYY-MM-DD). Default: the profile's history_from, else its first dated fact.",
            show_default=False,
        ),
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD). Default: today.")] = None,
    every: Annotated[
        str,
        typer.Option(
            "--every",
            help="change: every date on which some fact's validity starts or ends; year: 1 January of each year.",
        ),
    ] = "change",
    fmt: FormatOption = None,
    output: OutputOption = None,
    data: DataOption = None,
    standard: StandardOption = None,
    rule: RuleOption = None,
    skip_rule: SkipRuleOption = None,
    lang: LangOption = None,
) -> None:
    """Audit a jurisdiction at every date its law changed: scores over time, the changes and their laws."""
    if every not in ("change", "year"):
        raise InputError(f"--every {every}: expected change or year", code="usage")
    language = chosen_language(lang)
    chosen = format_for(output, fmt, kind="trend")
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.engine.selection import select_rules
    from trafficking_audit.engine.trend import (
        build_trend,
        change_points,
        fact_dates,
        first_date,
        instrument_dates,
        yearly_points,
    )

    session = open_session(data, lang=language)
    rules = select_rules(session.rulebook, standard or (), rule or (), skip_rule or ())
    loaded = session.profiles.resolve(jurisdiction)
    print_warnings(warning_lines(session.warnings(loaded)))
    profile = loaded.profile
    last = parse_date(end, "--to") or dt.date.today()
    first = parse_date(start, "--from") or first_date(profile) or last
    if first > last:
        raise InputError(f"--from {first} is after --to {last}", code="usage")
    if every == "year":
        dates = yearly_points(first, last)
    else:
        found = fact_dates(profile) | instrument_dates(rules, session.rulebook.instruments)
        dates = change_points(found, first, last)
    result = build_trend(
        profile,
        rules,
        dates,
        "year" if every == "year" else "change",
        session.rulebook.version,
        session.rulebook.instruments,
        language,
    )
    color = output is None and want_color()
    emit(render(chosen, result, kind="trend", color=color, width=terminal_width(), lang=language), output)
