"""Renderers: pure functions from a result model to a string, one module per format.

``FORMATS`` is the one registry from format name to renderer; the CLI and the
tests loop over it, so a format cannot be forgotten. Each renderer module is
imported only when its format is used, which keeps start-up fast (rich and Jinja
are not imported for JSON output).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from trafficking_audit.errors import InputError

# format name -> (module, function)
FORMATS: dict[str, tuple[str, str]] = {
    "terminal": ("trafficking_audit.render.terminal", "render_audit"),
    "md": ("trafficking_audit.render.markdown", "render_audit"),
    "html": ("trafficking_audit.render.html", "render_audit"),
    "json": ("trafficking_audit.render.jsonout", "render_audit"),
}

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".txt": "terminal"}


def render(fmt: str, result: Any, *, kind: str = "audit", color: bool = False, width: int = 100) -> str:
    """Render ``result`` (an Audit, or another result model named by ``kind``) in format ``fmt``."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})", code="usage")
    module_name, _ = FORMATS[fmt]
    module = importlib.import_module(module_name)
    function = getattr(module, f"render_{kind}")
    if fmt == "terminal":
        return str(function(result, color=color, width=width))
    return str(function(result))


def format_for(output: Path | None, requested: str | None) -> str:
    """The format to write: the one asked for, else inferred from the output file's extension."""
    if requested:
        return requested
    if output is not None:
        inferred = EXTENSIONS.get(output.suffix.lower())
        if inferred is None:
            raise InputError(
                f"cannot infer the format from '{output.name}'; pass --format (one of: {', '.join(FORMATS)})",
                code="usage",
            )
        return inferred
    return "terminal"
