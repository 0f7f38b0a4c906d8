"""A copy of the fixture data whose every free-text field holds markup and control characters.

Each string value of every profile and rule file is replaced by a hostile text, one at a time,
and the replacement is kept when the data still loads, passes the consistency checks and every
audit keeps its outcomes (a
field that must be an id, a date, a code or an enumerated value refuses it, and a value that
decides an outcome would change the document's shape for a reason that is not escaping). What
is left is the data with as many fields as possible holding the hostile text, so a renderer that
forgets to escape one of them shows it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from trafficking_audit.cli.common import open_session
from trafficking_audit.errors import InputError

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
DAY = dt.date(2025, 1, 1)

# Markdown and HTML markup, a table pipe, block starters after a newline, a code span, an entity,
# and terminal controls: ESC sequences (clear screen, set title), a C1 CSI, a carriage return, BEL.
MARKUP = "- <img src=x onerror=alert(1)> | *em* _u_ ~~s~~ [a](javascript:alert(1)) ![i](x.png) `c` &lt; # h\n---\n1. x"
CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r\x08"
HOSTILE = MARKUP + CONTROLS


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _set(node: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _signature(folder: Path) -> tuple[Any, ...] | None:
    """The outcomes and the shape of every audit, or None when the data does not load or a profile fails
    `audit check`'s consistency checks (which every command applies)."""
    try:
        session = open_session(folder)
        rules = session.rulebook.rules
        audits = [session.audit(p, rules, DAY) for p in session.profiles.all()]
    except InputError:
        return None
    return tuple(
        (f.rule, f.status, len(f.evidence), len(f.missing), bool(f.reason), len(a.recommendations), len(a.sources))
        for a in audits
        for f in a.findings
    )


def hostile_data(target: Path, text: str = HOSTILE) -> Path:
    """Write the hostile copy of the fixture data into ``target`` and return it."""
    shutil.copytree(DATA, target)
    files = sorted(target.glob("*/*.yaml"))
    expected = _signature(target)
    assert expected is not None
    for file in files:
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path in list(_leaves(document)):
            original = path and _get(document, path)
            _set(document, path, text)
            file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
            if _signature(target) != expected:
                _set(document, path, original)
        file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def replaced_fields(folder: Path, text: str = HOSTILE) -> int:
    """How many string fields of the data in ``folder`` hold ``text`` (a check that the copy is hostile)."""
    count = 0
    for file in folder.glob("*/*.yaml"):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        count += sum(1 for path in _leaves(document) if _get(document, path) == text)
    return count
