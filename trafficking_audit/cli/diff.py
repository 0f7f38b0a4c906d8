"""``audit diff``: two jurisdictions, or one jurisdiction on two dates, rule by rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    AllowFutureOption,
    AsOfOption,
    DataOption,
    FormatOption,
    LangOption,
    OutputOption,
    RuleOption,
    SkipRuleOption,
    StandardOption,
    check_future,
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
from trafficking_audit.cli.sides import parse_side
from trafficking_audit.errors import EXIT_FINDINGS
from trafficking_audit.render import format_for, render
from trafficking_audit.render.visible import visible

EPILOG = """Examples:

  audit diff kz us

  audit diff kazakhstan@2022-12-31 kazakhstan@2025-06-30

  audit diff jurisdictions/kazakhstan.yaml kz@2019-01-01 --changed-only

  audit diff KAZ USA --standard palermo-protocol --format html --output reports/kz-us.html

  audit diff kz@2024-01-01 kz --format json --fail-on-regression

  audit diff kz us --lang ru --format html --output reports/kz-us.ru.html
"""

SIDE_HELP = "Profile id, ISO 3166 code (kz, KAZ), alias or path to a YAML profile, optionally @YYYY-MM-DD."


@guarded
def diff(
    left: Annotated[
        str, typer.Argument(metavar="LEFT", help=f"The left side (the baseline). {SIDE_HELP}", show_default=False)
    ],
    right: Annotated[
        str,
        typer.Argument(
            metavar="RIGHT", help=f"The right side (compared with the left). {SIDE_HELP}", show_default=False
        ),
    ],
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    data: DataOption = None,
    standard: StandardOption = None,
    rule: RuleOption = None,
    skip_rule: SkipRuleOption = None,
    changed_only: Annotated[
        bool,
        typer.Option("--changed-only", help="List only the rules whose outcome differs (counts still cover all)."),
    ] = False,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when a rule is worse on the right (met > partially met > not met); "
            "unknown is not a regression.",
        ),
    ] = False,
    allow_future: AllowFutureOption = False,
    lang: LangOption = None,
) -> None:
    """Compare two jurisdictions, or one jurisdiction on two dates, rule by rule."""
    language = chosen_language(lang)
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.engine.audit import build_audit
    from trafficking_audit.engine.diff import became_unknown, compare_audits, regressions
    from trafficking_audit.engine.selection import select_rules

    default_day = parse_date(as_of) or dt.date.today()
    sides = [parse_side(left, default_day), parse_side(right, default_day)]
    chosen = format_for(output, fmt, kind="diff")
    session = open_session(data, lang=language)
    rules = select_rules(session.rulebook, standard or (), rule or (), skip_rule or ())
    for s, which in zip(sides, ("left side", "right side"), strict=True):
        check_future(s.as_of, allow_future, option=which)
    loaded = [session.profiles.resolve(s.jurisdiction) for s in sides]
    for item, s, which in zip(loaded, sides, ("left side", "right side"), strict=True):
        check_history(item, s.as_of, option=which)
    print_warnings(warning_lines(w for item in loaded for w in session.warnings(item)))
    profiles = [item.profile for item in loaded]
    instruments = session.rulebook.instruments
    # No peers: a diff prints no recommendations, so the other profiles need not be audited.
    audits = [
        build_audit(item.profile, rules, s.as_of, session.rulebook.version, instruments, lang=language).model_copy(
            update={"data_quality": session.data_quality(item)}
        )
        for item, s in zip(loaded, sides, strict=True)
    ]
    result = compare_audits(audits[0], audits[1], (profiles[0], profiles[1]), changed_only=changed_only, lang=language)
    color = output is None and want_color()
    emit(render(chosen, result, kind="diff", color=color, width=terminal_width(), lang=language), output)
    if not fail_on_regression:
        return
    unknown = became_unknown(result)
    if unknown:
        names = ", ".join(r.rule for r in unknown)
        typer.echo(f"{len(unknown)} rule(s) became unknown on the right (not a regression): {names}", err=True)
    worse = regressions(result)
    if worse:
        names = ", ".join(f"{r.rule} ({r.left} -> {r.right})" for r in worse)
        compared = f"{visible(result.left.label)} to {visible(result.right.label)}"
        typer.echo(f"{len(worse)} regression(s) from {compared}: {names}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
