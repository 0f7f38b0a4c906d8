"""``audit check``: the CI gate for edited profiles and rules, with annotations and a review of the edit."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    DataOption,
    LangOption,
    MinCoverageOption,
    OutputOption,
    below_coverage,
    check_min_coverage,
    chosen_language,
    guarded,
    parse_date,
)
from trafficking_audit.errors import EXIT_FINDINGS, InputError
from trafficking_audit.load.data import DataLocation, locate

# The keys of `render.check.CHECK_FORMATS`, named here so that `audit --help` need not import the
# renderers and models (tests/cli/test_startup.py keeps the two equal).
CHECK_FORMAT_NAMES = ("text", "json", "sarif", "github")

EPILOG = """Examples:

  audit check

  audit check jurisdictions/kazakhstan.yaml rules/treaties.yaml --strict

  audit check --format sarif --output audit-check.sarif

  audit check --format github --base origin/main --fail-on-regression

  audit check --lang ru

Exit codes: 0 clean (warnings allowed unless --strict), 1 errors or regressions, 2 usage errors.
"""


@guarded
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Profiles, rule files or folders to check (default: all rules and profiles).", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings (unsourced facts, unused sources...) as errors.")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(CHECK_FORMAT_NAMES)}.")
    ] = "text",
    output: OutputOption = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="Git revision to compare with: report the findings each profile edit since then changes.",
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool, typer.Option("--fail-on-regression", help="With --base: exit 1 when an edit makes a finding worse.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="With --base: assess both versions as of this date (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    min_coverage: MinCoverageOption = None,
    lang: LangOption = None,
) -> None:
    """Check profiles and rules: schema, sources, dates, codes, treaty logic, rule examples, translations."""
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.app.rulebook_cache import load_for_check
    from trafficking_audit.check.runner import compare_with_base, run_check
    from trafficking_audit.render import check_format
    from trafficking_audit.render.check import CHECK_FORMATS, render_check, render_summary

    language = chosen_language(lang)
    check_format(fmt, CHECK_FORMATS)
    check_min_coverage(min_coverage)
    if base is None and (fail_on_regression or as_of is not None):
        raise InputError("--fail-on-regression and --as-of go with --base REV", code="usage")
    today = dt.date.today()
    location = locate(data)
    report = run_check(paths or [], location, today, strict, load_for_check)
    if base is not None:
        report = compare_with_base(report, location, base, parse_date(as_of) or today)
    report = report.model_copy(update={"fail_on_regression": fail_on_regression})
    emit(render_check(fmt, report, language), output)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as stream:
                stream.write(render_summary(report, language))
        except OSError as exc:
            typer.echo(f"warning: cannot append to GITHUB_STEP_SUMMARY {summary}: {exc.strerror}", err=True)
    low = below_min_coverage(paths or [], location, today, min_coverage) if min_coverage is not None else False
    if not report.passed or low:
        raise typer.Exit(EXIT_FINDINGS)


def below_min_coverage(paths: list[Path], location: DataLocation, today: dt.date, minimum: float) -> bool:
    """Audit every checked profile that loads, as of today, and say which miss ``--min-coverage``."""
    from trafficking_audit.check.runner import find_files
    from trafficking_audit.engine.audit import findings_for
    from trafficking_audit.engine.scoring import coverage_of
    from trafficking_audit.errors import display_path
    from trafficking_audit.load.loader import load_profile, load_rulebook

    try:
        book = load_rulebook(location.rules)
    except InputError:
        return False  # the rules' own errors are in the report
    low = False
    for path in find_files(paths, location):
        try:
            loaded = load_profile(path)
        except InputError:
            continue  # a rule file, or a profile whose errors the report gives
        findings = findings_for(loaded.profile, book.rules, today, book.instruments)
        low = below_coverage(display_path(path), coverage_of(f.status for f in findings), minimum) or low
    return low
