"""The ``audit`` application: registers one command module per command."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer

from trafficking_audit import __version__
from trafficking_audit.cli.common import State
from trafficking_audit.render import use_template_cache


def _bytecode_cache(*parts: Any) -> Any:
    """Compiled report templates are kept in the cache folder (load/template_cache.py), keyed by their source;
    that module (hashlib, json, tempfile: about 20 ms) is imported only when a template is first compiled, not
    by `audit --help` or a command that renders none."""
    from trafficking_audit.load.template_cache import bytecode_cache

    return bytecode_cache(*parts)


use_template_cache(_bytecode_cache)

# Command name -> (module of trafficking_audit.cli, its function; None: the module's own Typer app of
# subcommands), in the order `audit --help` lists them.
COMMANDS: dict[str, tuple[str, str | None]] = {
    "run": ("run", "run"),
    "diff": ("diff", "diff"),
    "trend": ("trend", "trend"),
    "gaps": ("gaps", "gaps"),
    "new": ("new", "new"),
    "list": ("listing", "list_"),
    "check": ("check", "check"),
    "schema": ("schema", "schema"),
    "rules": ("rules", None),
    "server": ("server", None),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trafficking-audit {__version__}")
        raise typer.Exit()


def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """trafficking-audit: audit national anti-trafficking law against international standards."""
    State.debug = debug


def make_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The ``audit`` application with the commands ``names`` (every command by default).

    Each command's module is imported when its command is added, and typer turns every command it holds
    into click's parameters at each start, so :func:`main` builds the application with only the command a
    command line names: ``audit check FILE`` neither imports nor prepares ``run``, ``diff`` and the rest.
    A command runs, parses and reports usage errors the same way alone as among the others.
    """
    built = typer.Typer(
        name="audit",
        help="trafficking-audit: audit national anti-trafficking law against international standards.\n\n"
        "Example: audit run kazakhstan",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main_options)
    for name in names:
        module_name, function = COMMANDS[name]
        module = importlib.import_module(f"trafficking_audit.cli.{module_name}")
        if function is None:
            built.add_typer(module.app, name=name)
        else:
            built.command(name, epilog=module.EPILOG)(getattr(module, function))
    return built


def __getattr__(name: str) -> Any:
    """``app``: the application with every command (for tests and embedding), made when first asked for."""
    if name == "app":
        full = globals()["app"] = make_app()
        return full
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The click command of each set of command names that :func:`main` builds, when the resident server has
# prepared them (cli/resident.py); a function of the code alone. Empty in an ordinary process.
_prepared: dict[tuple[str, ...], Any] = {}


def _names(argv: list[str]) -> tuple[str, ...]:
    """The commands the application of a command line holds: the one it names first, else every one
    (for ``audit --help``, a misspelt command's suggestions and the global options)."""
    named = argv[1] if len(argv) > 1 else ""
    return (named,) if named in COMMANDS else tuple(COMMANDS)


def prepare() -> None:
    """Build, once, the click command of every application :func:`main` may build (for the server,
    whose workers then skip typer's conversion of the application into click's parameters)."""
    from typer.main import get_command

    for names in [(name,) for name in COMMANDS] + [tuple(COMMANDS)]:
        _prepared[names] = get_command(make_app(names))


def main() -> None:
    """Console-script entry point: the application with the one command the command line names, when it
    names one first (else every command).

    A prepared click command is called directly, as ``Typer.__call__`` would call it: that method only
    adds typer's pretty tracebacks, which this application turns off."""
    names = _names(sys.argv)
    prepared = _prepared.get(names)
    if prepared is not None:
        prepared()
    else:
        make_app(names)()
