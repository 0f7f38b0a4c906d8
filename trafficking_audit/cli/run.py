"""``audit run``: audit one jurisdiction and print or write the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    AllowFutureOption,
    AsOfOption,
    DataOption,
    FormatOption,
    LangOption,
    MinCoverageOption,
    OutputOption,
    RuleOption,
    SkipRuleOption,
    StandardOption,
    below_coverage,
    check_future,
    check_history,
    check_min_coverage,
    chosen_language,
    guarded,
    open_session,
    parse_date,
    print_warnings,
    terminal_width,
    want_color,
    warning_lines,
)
from trafficking_audit.errors import EXIT_FINDINGS, InputError
from trafficking_audit.load import inputs
from trafficking_audit.load.data import locate
from trafficking_audit.models.dates import parse_day
from trafficking_audit.models.vocabulary import GAPS, SEVERITIES
from trafficking_audit.render import format_for, render

if TYPE_CHECKING:
    from trafficking_audit.app.report_cache import CachedReport, ReportRequest

EPILOG = """Examples:

  audit run kazakhstan

  audit run kz --as-of 2022-12-31 --format html --output reports/kazakhstan-2022.html

  audit run KAZ --format json --standard cets-197

  audit run ./my-profile.yaml --fail-on high

  audit run kazakhstan --lang ru --format md
"""


@guarded
def run(
    jurisdiction: Annotated[
        str | None,
        typer.Argument(
            help="Profile id, ISO 3166 code (kz, KAZ), alias, or path to a YAML profile.", show_default=False
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    data: DataOption = None,
    standard: StandardOption = None,
    rule: RuleOption = None,
    skip_rule: SkipRuleOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a rule of this severity or worse is not met or partially met: "
            "critical, high, medium, low.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Audit every profile in the data (see --output-dir).")] = False,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            help="With --all: folder for the per-jurisdiction reports and the overview.",
            show_default=False,
        ),
    ] = None,
    allow_future: AllowFutureOption = False,
    min_coverage: MinCoverageOption = None,
    lang: LangOption = None,
) -> None:
    """Audit a jurisdiction's anti-trafficking law against the rulebook."""
    language = chosen_language(lang)
    if fail_on is not None and fail_on not in SEVERITIES:
        raise InputError(f"--fail-on {fail_on}: expected one of {', '.join(SEVERITIES)}", code="usage")
    day = parse_date(as_of) or dt.date.today()
    check_future(day, allow_future)
    check_min_coverage(min_coverage)
    if all_ and jurisdiction is not None:
        raise InputError(
            f"give a jurisdiction ('{jurisdiction}') or --all, not both (`audit run --all` audits every profile)",
            code="usage",
        )
    if all_ and min_coverage is not None:
        raise InputError(
            "--min-coverage goes with one jurisdiction; `audit check --min-coverage` gates every profile", code="usage"
        )
    if all_:
        # Imported here, not at the top: `audit --help` and other commands should not pay for them.
        from trafficking_audit.cli.overview import run_all
        from trafficking_audit.engine.selection import select_rules

        session = open_session(data, lang=language)
        rules = select_rules(session.rulebook, standard or (), rule or (), skip_rule or ())
        run_all(session, rules, day, fmt, output_dir)
        return
    if jurisdiction is None:
        raise InputError("give a jurisdiction (e.g. `audit run kazakhstan`) or --all", code="usage")
    if output_dir is not None:
        raise InputError("--output-dir goes with --all; use --output for one report", code="usage")
    chosen = format_for(output, fmt)
    # Imported here: `audit --help` imports this module for the command's options and needs no cache (its hashing
    # and JSON, about 18 ms of start-up).
    from trafficking_audit.app import report_cache

    request = report_cache.ReportRequest(
        locate(data), jurisdiction, day.isoformat(), chosen, standard or (), rule or (), skip_rule or (), language.code
    )
    with inputs.kept():  # each input read once: the report cache hashes the bytes the audit parses
        entry = report_cache.entry_for(request)
        report = report_cache.fetch(entry)
        if report is None:
            report = make_report(request, color=output is None and want_color())
            report_cache.store(entry, report)
    print_warnings(report.warnings)
    emit(report.text, output)
    failed = False
    if min_coverage is not None:
        from trafficking_audit.engine.scoring import coverage_of

        failed = below_coverage(jurisdiction, coverage_of(s for s, _ in report.findings), min_coverage)
    if fail_on is not None:
        limit = SEVERITIES.index(fail_on)
        failing = [1 for status, severity in report.findings if status in GAPS and SEVERITIES.index(severity) <= limit]
        if failing:
            typer.echo(f"{len(failing)} finding(s) at or above {fail_on}", err=True)
            failed = True
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


def make_report(request: ReportRequest, *, color: bool) -> CachedReport:
    """Load the data, audit the jurisdiction and render the report (what a cached report saves)."""
    from trafficking_audit.engine.selection import select_rules

    language = chosen_language(request.lang)
    # Every profile is loaded: to resolve the name without the name index, and for the peers without the peer index.
    session = open_session(location=request.location, lang=language, every_profile=True)
    try:
        rules = select_rules(session.rulebook, request.standards, request.rules, request.skipped)
        loaded = session.profiles.resolve(request.jurisdiction)
        check_history(loaded, dt.date.fromisoformat(request.as_of))
        audit = session.audit(loaded, rules, parse_day(request.as_of))
    finally:
        session.close()
    text = render(request.fmt, audit, color=color, width=terminal_width(), lang=language)
    warnings = tuple(warning_lines(session.warnings(loaded)))
    from trafficking_audit.app.report_cache import CachedReport

    return CachedReport(text, tuple((f.status, f.severity) for f in audit.findings), warnings)
