"""``audit list``: the jurisdictions in the data, with review date, evidence coverage and score."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    AsOfOption,
    DataOption,
    LangOption,
    chosen_language,
    guarded,
    open_session,
    parse_date,
    print_warnings,
    terminal_width,
    want_color,
    warning_lines,
)
from trafficking_audit.render import RENDERERS, check_format, render

EPILOG = """Examples:

  audit list

  audit list --format json

  audit list --as-of 2022-12-31 --data ./my-data
"""


@guarded
def list_(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="terminal or json (a list of objects).", show_default=True)
    ] = "terminal",
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """List the jurisdictions in the data: id, name, ISO codes, last review, evidence coverage and score."""
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.app.listing import list_jurisdictions

    language = chosen_language(lang)
    check_format(fmt, RENDERERS["listing"])
    day = parse_date(as_of) or dt.date.today()
    session = open_session(data, lang=language)
    loaded = session.profiles.all()
    print_warnings(warning_lines(w for item in loaded for w in session.warnings(item)))
    summaries = list_jurisdictions(
        (item.profile for item in loaded), session.rulebook.rules, day, session.rulebook.instruments
    )
    emit(render(fmt, summaries, kind="listing", color=want_color(), width=terminal_width(), lang=language), None)
