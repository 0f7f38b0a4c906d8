"""``audit rules``: the rulebook itself — list its rules, show one rule's page, run the rules' examples, show
which treaty provisions they cover, write its docs.

Thin commands over :mod:`trafficking_audit.app.rulebook` (the list, pages and docs) and
:mod:`trafficking_audit.engine.examples` (the examples); rendering goes through the render
registry like every other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import (
    AsOfOption,
    DataOption,
    LangOption,
    RuleOption,
    chosen_language,
    guarded,
    parse_date,
    terminal_width,
    want_color,
)
from trafficking_audit.errors import EXIT_FINDINGS, EXIT_INPUT
from trafficking_audit.render import RENDERERS, Kind, check_format, render

if TYPE_CHECKING:
    from trafficking_audit.load.loader import Rulebook
    from trafficking_audit.models.language import Language

DOCS_PATH = Path("docs/rules.md")

app = typer.Typer(
    name="rules",
    help="The rulebook: list its rules, show one rule's page, run the rules' examples, show the treaties' "
    "coverage, write docs/rules.md.\n\n"
    "Example: audit rules show means-core-elements",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

LIST_EPILOG = """Examples:

  audit rules list

  audit rules list --pillar protection

  audit rules list --instrument cets-197 --format json

  audit rules list --format md > rules.md

  audit rules list --lang ru --format json
"""

SHOW_EPILOG = """Examples:

  audit rules show means-core-elements

  audit rules show reflection-period-30d --format md

  audit rules show child-age-18 --lang ru
"""

TEST_EPILOG = """Examples:

  audit rules test

  audit rules test --rule means-core-elements --rule child-age-18

  audit rules test --data ./my-data --format json

Exit codes: 0 every example gives its expected outcome; 1 some example does not;
2 some example's facts are not a valid profile (or bad usage).
"""

COVERAGE_EPILOG = """Examples:

  audit rules coverage

  audit rules coverage --instrument palermo-protocol

  audit rules coverage --format json | jq '.instruments'

Reads rules/provisions.yaml: every article and paragraph of the covered treaties, its wording
("shall", "shall consider", "shall endeavour", "may") and the rules that assess it, or why none does.
Exit codes: 0 every mandatory provision has a rule or a reason; 1 some has neither; 2 bad input.
"""

DOCS_EPILOG = """Examples:

  audit rules docs --output docs/rules.md

  audit rules docs --output docs/rules.md --check

  audit rules docs --lang ru --output docs/rules.ru.md
"""


def _emit(fmt: str, result: object, kind: Kind, lang: Language | None = None) -> None:
    from trafficking_audit.models.language import ENGLISH

    emit(render(fmt, result, kind=kind, color=want_color(), width=terminal_width(), lang=lang or ENGLISH), None)


def _rulebook(data: Path | None, lang: Language | None = None) -> Rulebook:
    # The layers below are imported in the commands, not at the top, so that `audit --help` stays fast.
    from trafficking_audit.app.session import Session
    from trafficking_audit.models.language import ENGLISH

    return Session.open(data, lang=lang or ENGLISH, every_template=True).rulebook


@app.command("list", epilog=LIST_EPILOG)
@guarded
def list_rules(
    pillar: Annotated[
        str | None,
        typer.Option(
            "--pillar",
            help="Only rules of this pillar: prosecution, protection, prevention, partnership.",
            show_default=False,
        ),
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option(
            "--instrument", help="Only rules citing this instrument id, e.g. cets-197, tvpa.", show_default=False
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal, json (a list of objects) or md.")] = "terminal",
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """List the rules: id, title, pillar, severity, obligation and the articles they cite."""
    from trafficking_audit.app.rulebook import rule_list

    language = chosen_language(lang)
    chosen = check_format(fmt, RENDERERS["rules_list"])
    _emit(chosen, rule_list(_rulebook(data, language), pillar, instrument), "rules_list", language)


@app.command("show", epilog=SHOW_EPILOG)
@guarded
def show(
    rule_id: Annotated[
        str, typer.Argument(metavar="ID", help="Rule id, e.g. means-core-elements.", show_default=False)
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal, md or json.")] = "terminal",
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Show one rule's page: what it checks, why, its standards, who it binds, how it decides, an example."""
    from trafficking_audit.app.rulebook import rule_page

    language = chosen_language(lang)
    chosen = check_format(fmt, RENDERERS["rule_page"])
    _emit(chosen, rule_page(_rulebook(data, language), rule_id), "rule_page", language)


@app.command("test", epilog=TEST_EPILOG)
@guarded
def test(
    rule: RuleOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal or json.")] = "terminal",
    data: DataOption = None,
) -> None:
    """Run every rule's examples and compare each outcome with the one it expects."""
    from trafficking_audit.engine.examples import run_rule_tests
    from trafficking_audit.engine.selection import select_rules

    chosen = check_format(fmt, RENDERERS["rule_tests"])
    book = _rulebook(data)
    report = run_rule_tests(book, select_rules(book, only=rule or ()))
    _emit(chosen, report, "rule_tests")
    if report.invalid:
        raise typer.Exit(EXIT_INPUT)
    if report.failed:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("coverage", epilog=COVERAGE_EPILOG)
@guarded
def coverage(
    instrument: Annotated[
        str | None,
        typer.Option(
            "--instrument", help="Only this instrument's provisions, e.g. palermo-protocol, untoc.", show_default=False
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal, md or json.")] = "terminal",
    data: DataOption = None,
) -> None:
    """Show which rules assess each provision of the treaties, and which mandatory provisions no rule assesses."""
    from trafficking_audit.app.rulebook import rule_coverage
    from trafficking_audit.app.session import Session

    chosen = check_format(fmt, RENDERERS["coverage"])
    session = Session.open(data, every_template=True)
    report = rule_coverage(session.location.rules, session.rulebook, instrument)
    _emit(chosen, report, "coverage")
    if any(counts.mandatory_uncovered for counts in report.instruments):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("docs", epilog=DOCS_EPILOG)
@guarded
def docs(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (atomically) instead of standard output.", show_default=False
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 when --output's file differs from the rule files.")
    ] = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Generate the rulebook reference (docs/rules.md) from the rule files."""
    from trafficking_audit.app.rulebook import rulebook_docs

    language = chosen_language(lang)
    text = render("md", rulebook_docs(_rulebook(data, language)), kind="rulebook_docs", lang=language)
    if not check:
        emit(text, output)
        return
    target = output or DOCS_PATH
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current != text:
        state = "does not exist" if current is None else "is out of date"
        typer.echo(f"{target} {state}; run: audit rules docs --output {target}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    typer.echo(f"{target} is up to date")


RULES_DIFF_EPILOG = """Examples:

  audit rules diff main

  audit rules diff origin/main --format md > rule-changes.md

  audit rules diff HEAD~3 --as-of 2022-12-31 --format json

Compares the rule files at the git revision REV with the work tree (uncommitted edits
count), and audits every bundled profile, as it is now, with both rulebooks on one date.
"""


@app.command("diff", epilog=RULES_DIFF_EPILOG)
@guarded
def rules_diff(
    revision: Annotated[
        str, typer.Argument(metavar="REV", help="Git revision of the data, e.g. main or HEAD~1.", show_default=False)
    ],
    as_of: AsOfOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal, md or json.")] = "terminal",
    data: DataOption = None,
) -> None:
    """List the rules added, removed and changed since REV, and the findings of each profile they move."""
    import datetime as dt

    from trafficking_audit.app.session import Session
    from trafficking_audit.check.rulediff import retired_binding, rulebook_at, rules_diff

    chosen = check_format(fmt, RENDERERS["rules_diff"])
    day = parse_date(as_of) or dt.date.today()
    session = Session.open(data, every_template=True)
    dropped: dict[str, list[str]] = {}
    retired: dict[str, Any] = {}
    before = rulebook_at(session.location, revision, dropped, retired)
    old_binding = retired_binding(dropped, retired)
    profiles = [loaded.profile for loaded in session.profiles.all()]
    report = rules_diff(revision, before, session.rulebook, profiles, day, dropped, old_binding)
    _emit(chosen, report, "rules_diff")
