"""Safe YAML reading that remembers where every value came from.

PyYAML's composer (libyaml's C implementation when available) builds a node
graph with positions; we turn it into plain Python values ourselves instead of
using a constructor, so that we can (1) keep a map from each value's path to its
line and column for error messages, (2) reject duplicate keys, aliases, tags and
non-string keys, and (3) never construct any object a file asks for. Limits on
size, depth and node count keep hostile files cheap to refuse. Positions are only
read for messages, so a document finds them on first use, by walking its text
again; most runs never need them and skip the cost in time and memory.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from trafficking_audit.errors import InputError, Position, display_path
from trafficking_audit.load.inputs import LIMIT, read_input
from trafficking_audit.models.dates import NotADate, parse_day

try:  # libyaml is ~7x faster; fall back to the pure-Python composer.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_BYTES = LIMIT  # 5 MiB
MAX_DEPTH = 64
MAX_NODES = 500_000
MAX_SCALAR = 100_000  # characters; no legitimate fact or note is longer

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

PathKey = tuple[str | int, ...]

_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
# The safe loader's implicit tags of plain scalars, by first character ('' for the empty scalar).
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    key: list(found) for key, found in _SafeLoader.yaml_implicit_resolvers.items() if key is not None
}
assert None not in _SafeLoader.yaml_implicit_resolvers and not _SafeLoader.yaml_path_resolvers


class _Loader(_SafeLoader):
    """The safe loader, with tag resolution written for what it has: implicit resolvers by first character and
    no path resolvers. The composer calls ``resolve`` for every node (tens of thousands per run) and the generic
    one cost a tenth of composing; this gives the same tags (tests/load/test_yamlsource_tags.py)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _ScalarNode:
            if implicit[0]:  # a plain scalar: its text decides (null, bool, int, float, timestamp, else str)
                for tag, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path resolvers only (none here)."""

    def ascend_resolver(self) -> None:
        """Path resolvers only (none here)."""


class Document:
    """A parsed YAML file: its data and the position of every value by path.

    ``positions`` is computed on first use from ``text`` when not given; so is ``data``
    when only the text is (a profile whose validated model came from the cache).
    """

    def __init__(
        self,
        path: str,
        data: Any = None,
        positions: dict[PathKey, tuple[int, int]] | None = None,
        text: str | None = None,
    ) -> None:
        self.path = path
        self._data = data
        self._positions = positions
        self._text = text

    @property
    def text(self) -> str | None:
        """The file's text, when the document was made from one."""
        return self._text

    @property
    def data(self) -> Any:
        """The plain values of the file (mappings, lists, strings, numbers, booleans, dates, None)."""
        if self._data is None and self._text is not None:
            self._data = parse_yaml(self._text, self.path).data
        return self._data

    @property
    def positions(self) -> dict[PathKey, tuple[int, int]]:
        """Line and column of every value (of every mapping entry: of its key), by path."""
        if self._positions is None:
            self._positions = {} if self._text is None else parse_yaml(self._text, self.path, positions=True)._positions
        assert self._positions is not None
        return self._positions

    def position(self, loc: PathKey) -> Position:
        """The position of the value at ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc not in self.positions and loc:
            loc = loc[:-1]
        line, col = self.positions.get(loc, (1, 1))
        return Position(self.path, line, col)


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, refusing what cannot be a YAML data file."""
    return read_source(path)[0]


def read_source(path: Path) -> tuple[str, bool]:
    """A file's UTF-8 text, read once (:mod:`trafficking_audit.load.inputs`), and whether it is a regular
    file (only a regular file's content is stable enough to key a cache entry on)."""
    shown = display_path(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", Position(shown), code="file-is-directory")
        found = read_input(path)
    except FileNotFoundError:
        raise InputError("no such file", Position(shown), code="file-missing") from None
    except PermissionError:
        raise InputError("permission denied", Position(shown), code="file-unreadable") from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Position(shown), code="file-unreadable") from None
    size = max(found.size, len(found.content))
    if size > MAX_BYTES:
        raise InputError(
            f"file is too large ({size} bytes; the limit is {MAX_BYTES})", Position(shown), code="file-too-large"
        )
    return decode(found.content, shown), found.regular


def decode(raw: bytes, shown: str) -> str:
    """Decode bytes as UTF-8 with a position for the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError("file is not valid UTF-8 text", Position(shown, line, col), code="not-utf8") from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise InputError("file contains a NUL character (binary content?)", Position(shown, line, col), code="binary")
    return text


def load_yaml(path: Path) -> Document:
    """Read and parse one YAML file into a :class:`Document` whose root is a mapping."""
    shown = display_path(path)
    return parse_yaml(read_text(path), shown)


def parse_yaml(text: str, shown: str, positions: bool = False) -> Document:
    """Parse YAML text (one document, mapping at the root); positions now, or on first use."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"file is too large (the limit is {MAX_BYTES} bytes)", Position(shown), code="file-too-large")
    loader = _Loader(text)
    try:
        with _collector_paused():
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in str(exc.context or ""):
            message = "a file must hold exactly one YAML document"
        pos = Position(shown, mark.line + 1, mark.column + 1) if mark else Position(shown)
        raise InputError(f"YAML syntax error: {message}", pos, code="yaml-syntax") from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise InputError(
            f"character #x{exc.character:04x} is not allowed in YAML", Position(shown, line, col), code="yaml-syntax"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Position(shown, 1, 1), code="yaml-syntax") from None
    except RecursionError:
        raise InputError("YAML nesting is too deep", Position(shown, 1, 1), code="yaml-too-deep") from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError("file is empty (expected a mapping)", Position(shown, 1, 1), code="empty")
    builder = _Builder(shown, {} if positions else None)
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            "the top level must be a mapping of keys to values", builder.pos(node), code="root-not-mapping"
        )
    with _collector_paused():
        data = builder.build(node, (), 0)
    return Document(shown, data, builder.positions, text)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a node graph and its values.

    Both are trees, freed by reference counting, but their many small objects trigger
    collections that walk every object alive: with hundreds of profiles loaded that
    costs more than the parse itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Builder:
    """Turns composed nodes into plain values, enforcing the safety rules (and noting positions if asked)."""

    def __init__(self, path: str, positions: dict[PathKey, tuple[int, int]] | None) -> None:
        self.path = path
        self.positions = positions
        self.seen: set[int] = set()
        self.count = 0

    def pos(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, loc: PathKey, depth: int) -> Any:
        # Written for speed (it runs for every node of every file a run reads), in this order: the limits,
        # aliases, the position, then by kind; a plain string, most of the nodes, returns at once.
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(f"too many YAML nodes (limit {MAX_NODES})", self.pos(node), code="yaml-too-large")
        if depth > MAX_DEPTH:
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", self.pos(node), code="yaml-too-deep")
        seen = self.seen
        if id(node) in seen:
            # The composer returns the anchored node again for every alias.
            raise InputError("YAML anchors and aliases are not allowed", self.pos(node), code="yaml-alias")
        seen.add(id(node))
        if self.positions is not None:
            self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if node.tag == _STR and len(value) <= MAX_SCALAR:
                return value
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        assert isinstance(node, yaml.SequenceNode)  # the composer makes only these three kinds
        if node.tag != _SEQ:
            raise self._tag_error(node)
        if self.positions is None:
            return [self.build(item, loc, depth + 1) for item in node.value]
        return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, loc: PathKey, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self._tag_error(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MAP:
                raise InputError("mapping keys must be plain strings", self.pos(key_node), code="yaml-complex-key")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError("YAML merge keys (<<) are not allowed", self.pos(key_node), code="yaml-alias")
            if key_node.tag not in (_STR, _INT, _BOOL, _NULL, _FLOAT, _TIMESTAMP):
                raise self._tag_error(key_node)
            key = str(key_node.value)
            if key in result:
                raise InputError(f"duplicate key '{key}'", self.pos(key_node), code="yaml-duplicate-key")
            if self.positions is None:
                result[key] = self.build(value_node, loc, depth + 1)
                continue
            result[key] = self.build(value_node, loc + (key,), depth + 1)
            # Errors about an entry are reported at its key, where an editor looks first.
            self.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if len(value) > MAX_SCALAR:
            raise InputError(
                f"value is too long ({len(value)} characters; the limit is {MAX_SCALAR})",
                self.pos(node),
                code="yaml-too-large",
            )
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() in ("true", "yes", "on")
        if tag == _INT:
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _FLOAT:
            number = _CONSTRUCTOR.construct_yaml_float(node)
            if number != number or number in (float("inf"), float("-inf")):
                raise InputError("NaN and infinity are not allowed", self.pos(node), code="yaml-nan")
            return number
        if tag == _TIMESTAMP:
            try:
                return parse_day(value)
            except NotADate:  # YAML's timestamp: a time of day, or no zero padding
                message = f"'{value}' is a timestamp; write a date as YYYY-MM-DD"
                raise InputError(message, self.pos(node), code="bad-date") from None
            except ValueError as exc:
                raise InputError(f"invalid date '{value}': {exc}", self.pos(node), code="bad-date") from None
        raise self._tag_error(node)

    def _tag_error(self, node: yaml.Node) -> InputError:
        return InputError(f"YAML tag '{node.tag}' is not allowed", self.pos(node), code="yaml-tag")


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
