"""The ``audit`` application: registers one command module per command."""

from __future__ import annotations

from typing import Annotated

import typer

from trafficking_audit import __version__
from trafficking_audit.cli import check as check_module
from trafficking_audit.cli import diff as diff_module
from trafficking_audit.cli import gaps as gaps_module
from trafficking_audit.cli import listing as listing_module
from trafficking_audit.cli import new as new_module
from trafficking_audit.cli import rules as rules_module
from trafficking_audit.cli import run as run_module
from trafficking_audit.cli import schema as schema_module
from trafficking_audit.cli import trend as trend_module
from trafficking_audit.cli.common import State
from trafficking_audit.load.template_cache import bytecode_cache
from trafficking_audit.render import use_template_cache

# Compiled report templates are kept in the cache folder (load/template_cache.py), keyed by their source.
use_template_cache(bytecode_cache)

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
app.command("diff", epilog=diff_module.EPILOG)(diff_module.diff)
app.command("trend", epilog=trend_module.EPILOG)(trend_module.trend)
app.command("gaps", epilog=gaps_module.EPILOG)(gaps_module.gaps)
app.command("new", epilog=new_module.EPILOG)(new_module.new)
app.command("list", epilog=listing_module.EPILOG)(listing_module.list_)
app.command("check", epilog=check_module.EPILOG)(check_module.check)
app.command("schema", epilog=schema_module.EPILOG)(schema_module.schema)
app.add_typer(rules_module.app, name="rules")


def main() -> None:
    """Console-script entry point."""
    app()
