"""Writing reports without destroying what is there, and failing to write as bad environment, not a bug.

A report for a regular file (or a new name) is written to a temporary file in the target's
folder and renamed over the target only once complete; on any failure the temporary file
is removed and an existing report is left untouched. A target that exists and is not a
regular file (a character device such as ``/dev/null``, a FIFO, a socket, or ``/dev/stdout``
and other links to one) is written into directly: renaming a file over it would replace
the device node or pipe with a plain file, which as root is possible and destroys it.

Every error of the operating system while writing (no space, broken pipe, name too long,
permission, not a directory) is an :class:`~trafficking_audit.errors.InputError` of one
line naming the path and the system's message, so the command exits 2. Standard output
whose reader has gone away (``audit run kz | head``) ends the output quietly.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
from pathlib import Path

from trafficking_audit.errors import InputError
from trafficking_audit.load.files import write_atomically


def write_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``: atomically for a regular file or a new name, directly otherwise."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _error(path, exc) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise InputError(f"{path}: is a directory", code="output")
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_into(path, found.st_mode, text.encode("utf-8", "surrogateescape"))
    else:
        _write_atomic(path, text)


def _write_atomic(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise InputError(f"{path}: folder '{folder}' does not exist", code="output")
        # A report that replaces another keeps its mode; a new one gets what a plain open() would give.
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        write_atomically(path, text.encode("utf-8", "surrogateescape"), mode)
    except OSError as exc:
        raise _error(path, exc) from None


def _write_into(path: Path, mode: int, payload: bytes) -> None:
    """Write into an existing device, FIFO or socket, leaving the node itself as it is."""
    try:
        if stat.S_ISSOCK(mode):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(str(path))
                connection.sendall(payload)
            return
        # No O_CREAT and no O_TRUNC: if the node went away meanwhile, nothing is created in its place.
        handle = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
    except OSError as exc:
        raise _error(path, exc) from None


def write_stdout(text: str) -> None:
    """Write to standard output; a reader that went away ends the output quietly, other failures exit 2."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()  # `| head` has read what it wanted: not an error
    except OSError as exc:
        _silence_stdout()
        raise InputError(f"standard output: cannot write ({exc.strerror or exc})", code="output") from None


def emit(text: str, output: Path | None) -> None:
    """Write to ``output`` (see :func:`write_file`), or to standard output."""
    if output is None:
        write_stdout(text)
    else:
        write_file(output, text)


def _error(path: Path, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot write ({exc.strerror or exc})", code="output")


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit does not fail (and print) again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
