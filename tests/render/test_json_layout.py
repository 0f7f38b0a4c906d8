"""render/jsonout.text writes exactly what ``json.dumps(data, indent=2, ensure_ascii=False)`` writes (it is a
faster writer of the same layout): on arbitrary JSON-like values, on the values it leaves to json.dumps, and on
real reports."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trafficking_audit.render.jsonout import text


def stdlib(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# Every character class json escapes or passes through: controls, quotes, backslashes, non-ASCII, lone surrogates.
strings = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()))
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | strings
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(strings, children, max_size=5)
    ),
    max_leaves=40,
)


@given(values)
def test_any_json_value_is_written_as_json_dumps_writes_it(data: Any) -> None:
    assert text(data) == stdlib(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {1: "int key", "s": 1},  # keys json.dumps converts: left to it
        {None: 1, True: 2, 1.5: 3},
        {"nested": [{"deep": {2: "x"}}]},
        [1, True, False, None, 1.0, -0.0, 1e300, 1e-7, float("nan"), float("inf"), float("-inf")],
        '\x00\x1f\x7f\u2028\ud800"\\/é',
    ],
)
def test_edge_values(data: Any) -> None:
    assert text(data) == stdlib(data)


def test_what_json_dumps_refuses_is_still_refused() -> None:
    with pytest.raises(TypeError):
        text({"when": object()})
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        text(loop)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_real_reports(cli: Any, fmt: str) -> None:
    args = ["run", "kazakhstan", "--as-of", "2026-11-28"] if fmt == "json" else ["check", "--format", "sarif"]
    result = cli(*args, "--format", fmt) if fmt == "json" else cli(*args)
    assert result.exit_code in (0, 1)
    assert len(result.stdout) > 1000
    assert result.stdout == stdlib(json.loads(result.stdout))
