"""Reading input files once: the bytes a cache key hashes are the bytes that are parsed.

A cache keyed by a hash of the inputs can only be trusted if what is hashed is what is
audited. Reading a file twice, once for the key and once to parse it, breaks that the moment
the file changes between the two reads (an editor saving during a run, a FIFO that gives
different bytes to each reader): one content is stored under the other's key and served
later. So while :func:`kept` is active, every file read through :func:`read_input` is read
once and its bytes are kept for the rest of the block: the report cache hashes them, the
loaders parse them. Outside such a block nothing is kept (``run --all`` over hundreds of
profiles holds no copies).

A file that is not a regular file (``/dev/stdin``, a FIFO, a character device) has no stable
content to key on: it is read once like any other, and :attr:`Input.regular` tells the caches
to leave it out. Reads are bounded: at most :data:`LIMIT` bytes plus one, so that a device
that never ends (``/dev/zero``) is refused as too large instead of filling the memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LIMIT = 5 * 1024 * 1024  # the largest data file accepted (yamlsource refuses anything longer)

_kept: dict[str, Input] | None = None


@dataclass(frozen=True)
class Input:
    """The bytes of one input file as read (at most ``LIMIT + 1`` of them), and whether it is a regular file."""

    content: bytes
    regular: bool
    size: int  # the size the file system reports (for a regular file larger than LIMIT, more than was read)


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Within the block, each file is read once and every later read gets the same bytes."""
    global _kept
    outer = _kept
    if outer is None:
        _kept = {}
    try:
        yield
    finally:
        if outer is None:
            _kept = None


def holding() -> bool:
    """Whether a :func:`kept` block is active (a cache keyed by several files' bytes is safe only then)."""
    return _kept is not None


def read_input(path: Path) -> Input:
    """The bytes of ``path`` (the ones read before, inside a :func:`kept` block); raises ``OSError``."""
    if _kept is None:
        return _read(path)
    key = os.path.abspath(path)
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = _read(path)
    return found


def _read(path: Path) -> Input:
    with open(path, "rb") as stream:
        info = os.fstat(stream.fileno())
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > LIMIT:  # refused unread: only its size is reported
            return Input(b"", True, info.st_size)
        content = stream.read(LIMIT + 1)
    return Input(content, regular, info.st_size if regular else len(content))
