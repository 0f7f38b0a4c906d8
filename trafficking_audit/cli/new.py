"""``audit new``: write a scaffold profile with every fact present and ``unknown``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from trafficking_audit.app.output import emit
from trafficking_audit.cli.common import DataOption, LangOption, chosen_language, guarded
from trafficking_audit.errors import InputError, display_path, real_path
from trafficking_audit.load.data import locate

EPILOG = """Examples:

  audit new ruritania --output ruritania.yaml

  audit new "Timor-Leste" --iso2 TL --output jurisdictions/timor-leste.yaml

  audit new "Côte d'Ivoire" > jurisdictions/cote-d-ivoire.yaml

  audit new ruritania --output ruritania.yaml --force   (replaces an earlier scaffold, never a profile with facts)

  audit new Kazakhstan --lang ru   (the scaffold's own comments in Russian)
"""


@guarded
def new(
    name: Annotated[
        str, typer.Argument(help="Name of the jurisdiction; its slug becomes the profile id.", show_default=False)
    ],
    iso2: Annotated[
        str | None,
        typer.Option(
            "--iso2",
            show_default=False,
            help="ISO 3166-1 alpha-2 code; fills iso2, iso3 and the name (default: looked up from NAME).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            show_default=False,
            help="Write the profile to this file (atomically) instead of standard output.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Overwrite --output if it already exists (refused when it holds a profile with known facts).",
        ),
    ] = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Scaffold a new jurisdiction profile: every fact present, unknown, and commented."""
    language = chosen_language(lang)
    # Imported here, not at the top: `audit --help` and other commands should not pay for them.
    from trafficking_audit.app.identity import identify
    from trafficking_audit.app.scaffold import scaffold
    from trafficking_audit.load.loader import load_rulebook

    if output is not None and output.exists() and not output.is_dir() and not force:
        raise InputError(f"{output}: already exists; pass --force to overwrite it", code="usage")
    if output is not None and force and output.is_file():
        refuse_known_facts(output)
    identity = identify(name, iso2)
    location = locate(data)
    instruments = load_rulebook(location.rules).instruments.values()
    emit(scaffold(identity, instruments, dt.date.today(), language), output)
    typer.echo(f"{identity.id}: {identity.note}", err=True)
    existing = location.jurisdictions / f"{identity.id}.yaml"
    if existing.is_file() and (output is None or real_path(output) != real_path(existing)):
        typer.echo(f"note: the data already has a profile '{identity.id}' ({display_path(existing)})", err=True)
    if output is not None and output.stem != identity.id:
        typer.echo(f"note: the profile id '{identity.id}' differs from the file name '{output.name}'", err=True)


def refuse_known_facts(path: Path) -> None:
    """``--force`` replaces a scaffold or a file that is no profile, never a profile that records facts."""
    from trafficking_audit.load.loader import load_profile
    from trafficking_audit.models.paths import iter_facts

    try:
        profile = load_profile(path).profile
    except InputError:
        return  # not a valid profile: nothing recorded to lose
    known = sum(1 for _, facts in iter_facts(profile) for fact in facts if not fact.is_unknown)
    if known:
        raise InputError(
            f"{path}: holds the profile '{profile.id}' with {known} known fact(s); --force replaces only a "
            "scaffold (every fact unknown): remove the file yourself if you mean to discard it",
            code="usage",
        )
