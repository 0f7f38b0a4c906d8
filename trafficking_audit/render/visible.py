"""Control characters from data shown as visible escapes, for everything written to a terminal.

A profile's name or a rule's title that holds ESC (clear the screen, set the window title, hide
text), a carriage return or a C1 control would be obeyed by the terminal that shows it. Every
terminal renderer is reached through :func:`trafficking_audit.render.render` (reports) or
``render.check`` (check reports), which pass the result through :func:`visible_data` first, so
no field can be forgotten; error lines on standard error go through :func:`visible`. Newline and
tab stay (they lay text out); the bidirectional overrides that reorder what is shown ("Trojan
source") are escaped too. HTML, JSON and Markdown do not use this: they escape by their own rules
and JSON keeps data exact.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

# C0 except tab and newline, DEL, C1, and the bidirectional embedding, override and isolate controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with each control character written as its escape (ESC as ``\\x1b``)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def visible_data(value: T) -> T:
    """A copy of a result model (or list, tuple, dict of them) with every string made :func:`visible`."""
    return _visible(value)  # type: ignore[no-any-return]


def _visible(value: Any) -> Any:
    """The value with its strings made visible; the same object when nothing needed it (so a model's
    set fields, which some models read, stay as they were)."""
    if isinstance(value, str):
        return visible(value)
    model_fields = getattr(type(value), "model_fields", None)  # a pydantic model (not imported: start-up)
    if isinstance(model_fields, dict):
        fields = {name: getattr(value, name) for name in model_fields}
        update = {name: new for name, old in fields.items() if (new := _visible(old)) is not old}
        return value.model_copy(update=update) if update else value
    if isinstance(value, (list, tuple)):
        items = [_visible(v) for v in value]
        return type(value)(items) if any(n is not o for n, o in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = [(_visible(k), _visible(v)) for k, v in value.items()]
        changed = any(nk is not k or nv is not v for (nk, nv), (k, v) in zip(pairs, value.items(), strict=True))
        return dict(pairs) if changed else value
    return value
