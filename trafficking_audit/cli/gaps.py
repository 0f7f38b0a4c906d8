"""``audit gaps``: the research plan of one jurisdiction, for contributors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    AsOfOption,
    DataOption,
    LangOption,
    OutputOption,
    check_history,
    chosen_language,
    guarded,
    open_session,
    parse_date,
    print_warnings,
    terminal_width,
    want_color,
    warning_lines,
)
from trafficking_audit.render import format_for, render

EPILOG = """Examples:

  audit gaps kazakhstan

  audit gaps kz --as-of 2022-12-31 --format md --output kazakhstan-gaps.md

  audit gaps ./my-profile.yaml --format json
"""


@guarded
def gaps(
    jurisdiction: Annotated[
        str, typer.Argument(help="Profile id, ISO 3166 code (kz, KAZ), alias, or path to a YAML profile.")
    ],
    as_of: AsOfOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal, md or json (default: from --output's extension, else terminal).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """List the unknown facts that decide rules: what each would decide, the value that meets it, where to look."""
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.engine.research_plan import research_plan

    language = chosen_language(lang)
    chosen = format_for(output, fmt, kind="research_plan")
    day = parse_date(as_of) or dt.date.today()
    session = open_session(data, lang=language)  # every profile checked, as for audit run
    loaded = session.profiles.resolve(jurisdiction)
    check_history(loaded, day)
    print_warnings(warning_lines(session.warnings(loaded)))
    audit = session.audit(loaded, session.rulebook.rules, day)
    plan = research_plan(audit)
    color = output is None and want_color()
    emit(render(chosen, plan, kind="research_plan", color=color, width=terminal_width(), lang=language), output)
