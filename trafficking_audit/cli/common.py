"""What every command shares: the error guard, output colour, and common options."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from trafficking_audit.errors import EXIT_INPUT, EXIT_INTERNAL, InputError
from trafficking_audit.models.dates import NotADate, parse_day
from trafficking_audit.render.visible import visible

if TYPE_CHECKING:  # imported by the commands that run, not by `audit --help`
    from trafficking_audit.app.session import Session
    from trafficking_audit.load.data import DataLocation
    from trafficking_audit.load.loader import LoadedProfile
    from trafficking_audit.models.check import Problem
    from trafficking_audit.models.language import Language

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Global options set by the top-level callback."""

    debug: bool = False


def guarded(function: F) -> F:
    """Run a command, mapping errors to one-line messages and exit codes."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with start_up_frozen():
                return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except InputError as exc:
            typer.echo(visible(f"{exc}"), err=True)
            raise typer.Exit(EXIT_INPUT) from None
        except OSError as exc:
            # The operating system refused a path (name too long, not a directory, permission, a loop of
            # symbolic links): an error of the input or the environment, not of the program.
            typer.echo(visible(f"{os_error(exc)}"), err=True)
            raise typer.Exit(EXIT_INPUT) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if State.debug:
                traceback.print_exc()
            typer.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in trafficking-audit; please report it on the project's issue tracker "
                "with the command you ran and the traceback (run again with --debug to see it).",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def start_up_frozen() -> Iterator[None]:
    """Run a command with the objects made before it (the imported modules, built models and schemas)
    kept out of the cyclic garbage collector's sight, and give them back after.

    Why: a command makes many objects (parsed YAML, validated models, findings) and so triggers
    collections, and a full one walks every object alive, most of them made by the imports and never
    garbage; in a process forked from a preloaded one, that walk also writes to every page of the
    parent's heap and copies it. That was a fifth to a third of ``audit check FILE``'s work after
    imports. A collector already frozen by the caller (a preloading server) is left as it is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def os_error(exc: OSError) -> InputError:
    """An error of the operating system as one line naming the path it was about."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return InputError(f"{exc.filename}: {reason}" if exc.filename is not None else reason, code="environment")


def open_session(
    data: Path | None = None,
    location: DataLocation | None = None,
    lang: Language | None = None,
    every_profile: bool = False,
) -> Session:
    """The run's data, every profile checked as it is loaded with ``audit check``'s consistency checks.

    One validation for every command: an error of any profile a command loads (the audited one or a
    peer) stops it with exit 2 and one ``file:line:col`` line per error. ``lang``: the language of the
    rulebook's texts and of the findings (English when None); ``every_profile``: the command loads every
    profile (see :meth:`~trafficking_audit.app.session.Session.at`).
    """
    from trafficking_audit.app.session import Session
    from trafficking_audit.check.consistency import vetter
    from trafficking_audit.check.profiles import critical_facts
    from trafficking_audit.load.data import locate
    from trafficking_audit.models.language import ENGLISH

    today = dt.date.today()
    return Session.at(
        location or locate(data),
        lambda book: vetter(today, set(book.instruments), critical_facts(book.rules)),
        lang or ENGLISH,
        every_profile=every_profile,
    )


def chosen_language(code: str | None) -> Language:
    """The language of ``--lang`` (or ``AUDIT_LANG``); an unknown one is a usage error naming those there are."""
    from trafficking_audit.models.language import language

    return language(code)


def check_future(day: dt.date, allow_future: bool, option: str = "--as-of") -> None:
    """A date after today is refused unless ``--allow-future``: facts record the law as known, not as it will be."""
    today = dt.date.today()
    if day > today and not allow_future:
        raise InputError(
            f"{option} {day} is after today ({today}): the profile records the law as known today; "
            "pass --allow-future to audit a date ahead (e.g. a law with a later entry into force)",
            code="usage",
        )


def check_history(loaded: LoadedProfile, day: dt.date, option: str = "--as-of") -> None:
    """A date before the profile's ``history_from`` (the first date its facts describe) is refused, at that field."""
    start = loaded.profile.history_from
    if start is not None and day < start:
        raise InputError(
            f"{option} {day} is before this profile's history_from {start}: its facts describe the law from "
            f"{start} only (audit a date on or after it)",
            loaded.document.position(("history_from",)),
            code="before-history",
        )


def check_min_coverage(value: float | None) -> None:
    """``--min-coverage`` must be a share between 0 and 1."""
    if value is not None and not 0 <= value <= 1:
        raise InputError(f"--min-coverage {value}: expected a share between 0 and 1 (e.g. 0.7)", code="usage")


def below_coverage(name: str, coverage: float | None, minimum: float) -> bool:
    """Whether ``coverage`` misses ``--min-coverage``; says so on standard error (no applicable rule: missed)."""
    if coverage is not None and coverage >= minimum:
        return False
    shown = "none (no rule applies)" if coverage is None else f"{coverage:.0%} ({coverage})"
    typer.echo(f"{name}: evidence coverage {shown} is below --min-coverage {minimum}", err=True)
    return True


def warning_lines(problems: Iterable[Problem]) -> list[str]:
    """Warnings as ``audit check`` prints them: ``file:line:col: warning: message [code]``."""
    return [f"{p.path}:{p.line}:{p.col}: warning: {p.message} [{p.code}]" for p in problems]


def print_warnings(lines: Iterable[str]) -> None:
    """Print warnings to standard error, each once."""
    for line in dict.fromkeys(lines):
        typer.echo(line, err=True)


def want_color(stream: Any = None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is not set."""
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def terminal_width() -> int:
    """Terminal width when on a terminal; a fixed width otherwise, for stable output."""
    return shutil.get_terminal_size((100, 24)).columns if want_color() else 100


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """Parse YYYY-MM-DD (and nothing else, see :func:`parse_day`) or raise a usage error."""
    if value is None:
        return None
    try:
        return parse_day(value)
    except NotADate as exc:
        raise InputError(f"{option} {value!r}: {exc}", code="usage") from None
    except ValueError as exc:
        raise InputError(f"{option} {value!r}: not a valid date ({exc}); expected YYYY-MM-DD", code="usage") from None


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder holding rules/ and jurisdictions/ (default: ./ if it has them, else the bundled data).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Assess the law as it stood on this date (YYYY-MM-DD). Default: today.", show_default=False
    ),
]
MinCoverageOption = Annotated[
    float | None,
    typer.Option(
        "--min-coverage",
        help="Exit 1 (after writing the report) when evidence coverage, the share of applicable rules with a "
        "known outcome, is below this share (0-1), e.g. 0.7.",
        show_default=False,
    ),
]
AllowFutureOption = Annotated[
    bool,
    typer.Option("--allow-future", help="Allow an audit date after today (refused by default: exit 2)."),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="terminal, md, html or json (default: from --output's extension, else terminal).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of standard output.", show_default=False
    ),
]
StandardOption = Annotated[
    list[str] | None,
    typer.Option(
        "--standard", help="Only rules citing this instrument id (repeatable), e.g. cets-197, tvpa.", show_default=False
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar="AUDIT_LANG",
        help="Language of the output: en or ru (default: $AUDIT_LANG, else en). JSON keeps its keys and "
        "values in English and writes its texts in this language.",
        show_default=False,
    ),
]
RuleOption = Annotated[
    list[str] | None, typer.Option("--rule", help="Only this rule id (repeatable).", show_default=False)
]
SkipRuleOption = Annotated[
    list[str] | None, typer.Option("--skip-rule", help="Leave out this rule id (repeatable).", show_default=False)
]
