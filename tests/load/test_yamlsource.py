"""The positioned YAML reader: every bad-input kind gives one positioned InputError."""

from __future__ import annotations

from pathlib import Path

import pytest

from trafficking_audit.errors import InputError
from trafficking_audit.load.yamlsource import MAX_BYTES, load_yaml, parse_yaml

CASES = [
    ("a: [1, 2\n", "yaml-syntax", 2, 1),
    ("a: 1\nb:\n  c: 2\n  c: 3\n", "yaml-duplicate-key", 4, 3),
    ("- 1\n- 2\n", "root-not-mapping", 1, 1),
    ("just a string\n", "root-not-mapping", 1, 1),
    ("", "empty", 1, 1),
    ("# only a comment\n", "empty", 1, 1),
    ("a: &x [1]\nb: *x\n", "yaml-alias", 1, 4),
    ("a: !!python/object/apply:os.system ['true']\n", "yaml-tag", 1, 4),
    ("a: !custom 1\n", "yaml-tag", 1, 4),
    ("a: .nan\n", "yaml-nan", 1, 4),
    ("a: -.inf\n", "yaml-nan", 1, 4),
    ("a: 2024-02-30\n", "bad-date", 1, 4),
    ("a: 2024-01-01T10:00:00\n", "bad-date", 1, 4),
    ("a: 1\n---\nb: 2\n", "yaml-syntax", 2, 1),
    ("? [a, b]\n: 1\n", "yaml-complex-key", 1, 3),
    ("a:\n\tb: 1\n", "yaml-syntax", 2, 1),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "yaml-alias", 3, 3),
]


@pytest.mark.parametrize(("text", "code", "line", "col"), CASES)
def test_bad_yaml_is_one_positioned_error(text: str, code: str, line: int, col: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "f.yaml")
    error = caught.value
    assert error.code == code
    assert (error.position.line, error.position.column) == (line, col)
    assert str(error).startswith(f"f.yaml:{line}:{col}: ")


def test_positions_point_at_keys_and_items() -> None:
    doc = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y\n", "f.yaml")
    assert doc.data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert doc.positions[("a", "b")] == (2, 3)
    assert doc.positions[("a", "c", 1)] == (5, 7)
    assert doc.position(("a", "c", 1, "missing")).line == 5


def test_dates_become_dates() -> None:
    import datetime as dt

    assert parse_yaml("d: 2024-07-05\n", "f").data == {"d": dt.date(2024, 7, 5)}


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_yaml(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        load_yaml(bad)
    assert caught.value.position.line == 1
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"a: 1\nb: \x00\n")
    with pytest.raises(InputError, match="NUL"):
        load_yaml(nul)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1) + b"\n")
    with pytest.raises(InputError, match="too large"):
        load_yaml(big)
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml(bom).data == {"a": 1}
