"""The loader's own tag resolution (load/yamlsource._Loader.resolve, written for speed) gives the tags PyYAML's
safe loader gives, node for node: on every data file and on scalars of every implicit type and their look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from trafficking_audit.load.yamlsource import _Loader

ROOT = Path(__file__).resolve().parents[2]
DATA = sorted([*ROOT.glob("rules/**/*.yaml"), *ROOT.glob("jurisdictions/*.yaml")])

SCALARS = [
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "''",
    '""',
    "true",
    "True",
    "TRUE",
    "tRUE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "Off",
    "0",
    "-1",
    "+1",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1:20",
    "3.14",
    "-.5",
    ".inf",
    "-.Inf",
    ".NaN",
    ".nan",
    "1e3",
    "6.8523015e+5",
    "2024-01-31",
    "2024-1-31",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "'<<'",
    "tip-2024",
    '"2024-01-31"',
    "'true'",
    "'1'",
    "https://example.org/a?b=c",
    "-",
    "+",
    ".",
    "0.",
    "9x",
    "12abc",
]
LOOK_ALIKES = (
    "plain:\n"
    + "".join(f"  - {scalar}\n" for scalar in SCALARS)
    + """quoted: {'yes': "no", "1": '2', ~: x, 2: y}
spaced: 2001-12-14 21:59:43.10
tagged: !!str 12
bare tag: ! 12
block: |
  text
folded: >
  text
"""
)


def tags(node: yaml.Node) -> list[tuple[str, str, str | None]]:
    found: list[tuple[str, str, str | None]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(
            (type(current).__name__, current.tag, current.value if isinstance(current, yaml.ScalarNode) else None)
        )
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return found


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_files_get_the_safe_loaders_tags(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tags(yaml.compose(text, Loader=_Loader)) == tags(yaml.compose(text, Loader=yaml.SafeLoader))


def test_look_alikes_get_the_safe_loaders_tags() -> None:
    expected = tags(yaml.compose(LOOK_ALIKES, Loader=yaml.SafeLoader))
    assert len(expected) > len(SCALARS)
    assert tags(yaml.compose(LOOK_ALIKES, Loader=_Loader)) == expected
    # and the resolution is not trivial: the look-alikes get every implicit type
    assert {tag for _, tag, _ in expected} >= {
        f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp", "str", "seq", "map")
    }
