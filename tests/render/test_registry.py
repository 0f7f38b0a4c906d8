"""The renderer registry: every kind and format it names exists, every renderer is in it,
and a pair it lacks is a usage error (not an AttributeError reported as an internal error)."""

from __future__ import annotations

import importlib
import inspect
import typing

import pytest

from trafficking_audit.errors import InputError
from trafficking_audit.render import RENDERERS, STYLED, Kind, check_format, format_for, render

PAIRS = [(kind, fmt) for kind, formats in RENDERERS.items() for fmt in formats]
MODULES = sorted({renderer.module for formats in RENDERERS.values() for renderer in formats.values()})


def test_every_kind_of_result_has_renderers() -> None:
    assert set(RENDERERS) == set(typing.get_args(Kind))
    assert all(RENDERERS[kind] for kind in RENDERERS)


@pytest.mark.parametrize(("kind", "fmt"), PAIRS)
def test_every_registered_renderer_exists_and_takes_one_result(kind: str, fmt: str) -> None:
    function = RENDERERS[kind][fmt].load()  # type: ignore[index]
    parameters = list(inspect.signature(function).parameters)
    # Every renderer takes the language its interface words are written in (render() passes it to all).
    assert parameters[1:] == (["color", "width", "lang"] if fmt == STYLED else ["lang"]), (kind, fmt, parameters)


@pytest.mark.parametrize("module", MODULES)
def test_every_renderer_function_is_registered(module: str) -> None:
    """A ``render_<kind>`` function missing from RENDERERS would be unreachable from the CLI."""
    registered = {(r.module, r.function) for formats in RENDERERS.values() for r in formats.values()}
    loaded = importlib.import_module(f"trafficking_audit.render.{module}")
    defined = {name for name, value in vars(loaded).items() if name.startswith("render_") and inspect.isfunction(value)}
    defined = {name for name in defined if getattr(loaded, name).__module__ == loaded.__name__}
    assert {(module, name) for name in defined} <= registered


@pytest.mark.parametrize(("kind", "fmt"), [("listing", "md"), ("rulebook_docs", "json"), ("matrix", "terminal")])
def test_a_pair_without_a_renderer_is_a_usage_error(kind: Kind, fmt: str) -> None:
    with pytest.raises(InputError) as caught:
        render(fmt, object(), kind=kind)
    assert caught.value.code == "usage"
    assert caught.value.message.startswith(f"--format {fmt}: expected one of ")


def test_format_is_checked_once_for_every_command() -> None:
    assert check_format("json", ("terminal", "json")) == "json"
    with pytest.raises(InputError, match="--format xml: expected one of text, json"):
        check_format("xml", ("text", "json"))
    with pytest.raises(InputError, match="--format csv: expected one of terminal, md, html, json"):
        format_for(None, "csv", kind="diff")
