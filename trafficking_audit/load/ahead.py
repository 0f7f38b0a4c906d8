"""Parsing YAML files ahead, in a forked helper process, while this process validates what is parsed.

Why: a run that finds no validated profile in the cache (caches off, a first run, every profile edited)
loads every profile of the data, one after the other on one core: about 750 KB of YAML parsed (some
80 ms for the bundled data) and each profile validated and checked (some 60 ms). The two halves are
independent, so a child forked with the files' texts parses them in order and streams each file's
plain values back through a pipe, while the parent validates and checks one file as the child parses
the next. On two cores loading the bundled profiles takes about the time of parsing them. When the parent
is ready for a file the child has not sent yet (it finished loading the rulebook first), it does not wait:
it parses the last files the child has not reached itself, from the end of the list, until the child's
next frame arrives, so the two meet in the middle (the child's frames for those files go unused).

Nothing the child sends can change a result:

- it parses the texts the parent read, which it gets by ``fork`` (it reads no file), with the
  parent's own :func:`~trafficking_audit.load.yamlsource.parse_yaml`, and the parent takes a value
  only for the same displayed path and the same text;
- a file the child could not parse (any error at all, or a child that died) is parsed again by the
  parent, which then raises the error, with its position, exactly as it would have alone;
- the values are plain data (mappings, lists, strings, numbers, booleans, dates, None) sent through
  a pipe private to the two processes (``pickle`` of what the parent's own code built);
- the child is stopped (killed if it still runs) and reaped once its last file is taken, when its user
  closes it (:meth:`Ahead.close`: :meth:`~trafficking_audit.load.loader.ProfileIndex.all` at its end,
  a session at the end of a command), or at the latest when it is collected or the interpreter exits.

It is used only where it helps and is safe: where :mod:`~trafficking_audit.load.forked` may fork (not on
macOS, not with threads, never with ``TRAFFICKING_AUDIT_NO_AHEAD=1``), for at least :data:`MIN_FILES` files
and :data:`MIN_BYTES` characters. Positions are found from a document's text on first use
either way (:class:`~trafficking_audit.load.yamlsource.Document`).
"""

from __future__ import annotations

import os
import pickle
import select
import weakref
from collections.abc import Sequence
from typing import Any, BinaryIO

from trafficking_audit.load import forked
from trafficking_audit.load.yamlsource import Document, parse_yaml

MIN_FILES = 2  # fewer is no overlap: the parent would wait for the one file
MIN_BYTES = 64 * 1024  # below this, forking costs about what it saves
_FRAME = 8  # bytes of the length before each file's values (0: the child could not parse that file)


class Ahead:
    """Files being parsed by a child process (:func:`start`), taken one by one in any order (:meth:`document`)."""

    def __init__(self, items: Sequence[tuple[str, str]], pid: int, stream: BinaryIO) -> None:
        self.items = list(items)  # (displayed path, text), in the order the child parses them
        self._stream: BinaryIO | None = stream
        self._received: dict[int, Any] = {}
        # Files this process parsed itself while the child had not reached them (None: the parse failed; the
        # caller parses the file again in its turn and reports the error): the child's frames for them are unused.
        self._own: dict[int, Document | None] = {}
        self._next = 0  # the index of the next frame the pipe gives
        # Runs once: by close(), when this object is collected, or at exit. A pid is killed only before it is
        # reaped here, so never another process's.
        self._finalizer = weakref.finalize(self, forked.stop, pid, stream)

    def document(self, shown: str, text: str) -> Document | None:
        """The parsed document of this file from the child, or None (not one of its files, another text,
        the child could not parse it): the caller parses it then."""
        index = self._index(shown, text)
        if index is None:
            return None
        while index >= self._next and self._stream is not None and index not in self._own:
            last = self._last_waiting(index)
            if last is None or _ready(self._stream):
                self._receive(self._stream)
            else:  # rather than wait, parse the last file the child has not reached yet (taken from its end)
                self._own[last] = _parsed(*self.items[last])
        if index in self._own:
            return self._own.pop(index)
        data = self._received.pop(index, None)
        return None if data is None else Document(shown, data, None, text)

    def _last_waiting(self, wanted: int) -> int | None:
        """The last file after ``wanted`` that the child has not sent and this process has not parsed (not the
        one the child parses now), or None."""
        for index in range(len(self.items) - 1, max(wanted, self._next), -1):
            if index not in self._own:
                return index
        return None

    def close(self) -> None:
        """Stop the child if it still runs, and reap it (what was received stays to be taken)."""
        self._finalizer()
        self._stream = None

    def _index(self, shown: str, text: str) -> int | None:
        for index, (item_shown, item_text) in enumerate(self.items):
            if item_shown == shown and (item_text is text or item_text == text):
                return index
        return None

    def _receive(self, stream: BinaryIO) -> None:
        """Read the next frame; on a short read (the child died) stop reading: the parent parses the rest. Any
        exception (an interrupt) stops the child too: a frame half read must never be filed under an index."""
        try:
            header = stream.read(_FRAME)
            size = int.from_bytes(header, "big") if len(header) == _FRAME else -1
            body = stream.read(size) if size > 0 else b""
        except BaseException:
            self.close()
            raise
        if size < 0 or len(body) != size:
            self.close()
            return
        if size:
            try:
                self._received[self._next] = pickle.loads(body)  # noqa: S301 - our own child's values, see above
            except Exception:  # noqa: BLE001 - a frame that does not load is parsed by the parent
                self._received.pop(self._next, None)
        self._next += 1
        if self._next == len(self.items):  # the last frame: the child exits now
            self.close()


def _ready(stream: BinaryIO) -> bool:
    """Whether the child's next frame has begun to arrive (reading it then waits at most for its writing)."""
    readable, _, _ = select.select([stream], [], [], 0)
    return bool(readable)


def _parsed(shown: str, text: str) -> Document | None:
    """The document of one file, parsed here as the child would; None when it does not parse."""
    try:
        return parse_yaml(text, shown)
    except Exception:  # noqa: BLE001 - parsed again by the caller in its turn, which reports the error
        return None


def start(items: Sequence[tuple[str, str]]) -> Ahead | None:
    """A child parsing these files (displayed path, text) ahead, when that is worth it and possible
    (:func:`~trafficking_audit.load.forked.usable`), else None (the caller parses every file itself)."""
    if len(items) < MIN_FILES or sum(len(text) for _, text in items) < MIN_BYTES or not forked.usable():
        return None
    started = forked.spawn(lambda fd: _parse_all(items, fd))
    return None if started is None else Ahead(items, *started)


def _parse_all(items: Sequence[tuple[str, str]], fd: int) -> None:
    with os.fdopen(fd, "wb") as out:
        for shown, text in items:
            try:
                body = pickle.dumps(parse_yaml(text, shown).data, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - the parent parses this one and reports its error
                body = b""
            out.write(len(body).to_bytes(_FRAME, "big"))
            out.write(body)
            out.flush()
