"""The ``audit`` application: registers one command module per command."""

from __future__ import annotations

from typing import Annotated

import typer

from trafficking_audit import __version__
from trafficking_audit.cli import run as run_module
from trafficking_audit.cli.common import State

app = typer.Typer(
    name="audit",
    help="trafficking-audit: audit national anti-trafficking law against international standards.\n\n"
    "Example: audit run kazakhstan",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trafficking-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """trafficking-audit: audit national anti-trafficking law against international standards."""
    State.debug = debug


app.command("run", epilog=run_module.EPILOG)(run_module.run)


def main() -> None:
    """Console-script entry point."""
    app()
