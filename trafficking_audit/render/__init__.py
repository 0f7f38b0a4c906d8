"""Renderers: pure functions from a result model to a string, one module per format.

``RENDERERS`` is the one registry, per kind of result, from format name to the renderer
that writes it; the CLI and the tests loop over it, so a format cannot be forgotten and
an unsupported pair (``render("md", x, kind="listing")``) is a usage error, not a missing
attribute. Each renderer module is imported only when its format is used, which keeps
start-up fast (rich and Jinja are not imported for JSON output).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from trafficking_audit.errors import InputError
from trafficking_audit.models.language import ENGLISH, Language

Kind = Literal[
    "audit",
    "diff",
    "trend",
    "overview",
    "matrix",
    "listing",
    "rules_list",
    "rule_page",
    "rule_tests",
    "rulebook_docs",
    "research_plan",
    "coverage",
    "rules_diff",
]


@dataclass(frozen=True)
class Renderer:
    """A renderer named by module and function, imported when first used."""

    module: str
    function: str

    def load(self) -> Any:
        """The renderer function itself."""
        return getattr(importlib.import_module(f"trafficking_audit.render.{self.module}"), self.function)


def _each(kind: str, **modules: str) -> dict[str, Renderer]:
    return {fmt: Renderer(module, f"render_{kind}") for fmt, module in modules.items()}


# kind of result -> format name -> renderer; the first format of a kind is its default where one applies.
RENDERERS: dict[Kind, dict[str, Renderer]] = {
    "audit": _each("audit", terminal="terminal", md="markdown", html="html", json="jsonout"),
    "diff": _each("diff", terminal="terminal", md="markdown", html="html", json="jsonout"),
    "trend": _each("trend", terminal="terminal", md="markdown", html="html", json="jsonout"),
    "overview": _each("overview", terminal="terminal", md="markdown", html="html", json="jsonout"),
    "matrix": _each("matrix", csv="csvout", json="jsonout"),
    "listing": _each("listing", terminal="terminal", json="jsonout"),
    "rules_list": _each("rules_list", terminal="terminal", json="jsonout", md="markdown"),
    "rule_page": _each("rule_page", terminal="terminal", md="markdown", json="jsonout"),
    "rule_tests": _each("rule_tests", terminal="terminal", json="jsonout"),
    "rulebook_docs": _each("rulebook_docs", md="markdown"),
    "research_plan": _each("research_plan", terminal="terminal", md="markdown", json="jsonout"),
    "coverage": _each("coverage", terminal="terminal", md="markdown", json="jsonout"),
    "rules_diff": _each("rules_diff", terminal="terminal", md="markdown", json="jsonout"),
}
# Where compiled report templates are kept between runs: a function of the parts that fingerprint an
# environment's code, returning a Jinja bytecode cache (or None). The command layer sets it
# (cli/app.py, to load/template_cache.bytecode_cache): rendering reads no cache folder itself (this layer
# reads models only). Unset, each process compiles the templates it uses.
TemplateCacheFactory = Callable[..., Any]
_template_cache: list[TemplateCacheFactory] = []


def use_template_cache(factory: TemplateCacheFactory | None) -> None:
    """Keep compiled report templates with ``factory`` (None: compile them in every process)."""
    _template_cache[:] = [factory] if factory is not None else []


def template_cache(*parts: Any) -> Any:
    """The bytecode cache for an environment fingerprinted by ``parts``, or None when none is set."""
    return _template_cache[0](*parts) if _template_cache else None


# The formats of a report (an audit, a diff, an overview), the ones --output's extension can name.
FORMATS: tuple[str, ...] = tuple(RENDERERS["audit"])
STYLED = "terminal"  # the one format that takes colour and width

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".txt": "terminal"}


def check_format(fmt: str, allowed: Iterable[str]) -> str:
    """``fmt`` when it is one of ``allowed``; else the one usage error every command gives for --format."""
    names = list(allowed)
    if fmt not in names:
        raise InputError(f"--format {fmt}: expected one of {', '.join(names)}", code="usage")
    return fmt


def render(
    fmt: str,
    result: Any,
    *,
    kind: Kind = "audit",
    color: bool = False,
    width: int = 100,
    lang: Language = ENGLISH,
) -> str:
    """Render ``result`` (an Audit, or another result model named by ``kind``) in format ``fmt`` and language
    ``lang`` (its interface words; the texts inside the result are already in it)."""
    function = RENDERERS[kind][check_format(fmt, RENDERERS[kind])].load()
    if fmt == STYLED:
        from trafficking_audit.render.visible import visible_data  # a terminal obeys control characters

        return str(function(visible_data(result), color=color, width=width, lang=lang))
    return str(function(result, lang=lang))


def format_for(output: Path | None, requested: str | None, kind: Kind = "audit") -> str:
    """The format to write: the one asked for (checked), else inferred from the output file's extension."""
    if requested:
        return check_format(requested, RENDERERS[kind])
    if output is not None:
        inferred = EXTENSIONS.get(output.suffix.lower())
        if inferred is None:
            raise InputError(
                f"cannot infer the format from '{output.name}'; pass --format (one of: {', '.join(RENDERERS[kind])})",
                code="usage",
            )
        return inferred
    return "terminal"
