"""What every command shares: the error guard, output colour, and common options."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from trafficking_audit.errors import EXIT_INPUT, EXIT_INTERNAL, InputError
from trafficking_audit.models.dates import NotADate, parse_day
from trafficking_audit.render.visible import visible

if TYPE_CHECKING:  # imported by the commands that run, not by `audit --help`
    from trafficking_audit.app.session import Session
    from trafficking_audit.load.data import DataLocation
    from trafficking_audit.models.check import Problem

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Global options set by the top-level callback."""

    debug: bool = False


def guarded(function: F) -> F:
    """Run a command, mapping errors to one-line messages and exit codes."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
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


def os_error(exc: OSError) -> InputError:
    """An error of the operating system as one line naming the path it was about."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return InputError(f"{exc.filename}: {reason}" if exc.filename is not None else reason, code="environment")


def open_session(data: Path | None = None, location: DataLocation | None = None) -> Session:
    """The run's data, every profile checked as it is loaded with ``audit check``'s consistency checks.

    One validation for every command: an error of any profile a command loads (the audited one or a
    peer) stops it with exit 2 and one ``file:line:col`` line per error.
    """
    from trafficking_audit.app.session import Session
    from trafficking_audit.check.consistency import vetter
    from trafficking_audit.load.data import locate

    today = dt.date.today()
    return Session.at(location or locate(data), lambda book: vetter(today, set(book.instruments)))


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
RuleOption = Annotated[
    list[str] | None, typer.Option("--rule", help="Only this rule id (repeatable).", show_default=False)
]
SkipRuleOption = Annotated[
    list[str] | None, typer.Option("--skip-rule", help="Leave out this rule id (repeatable).", show_default=False)
]
