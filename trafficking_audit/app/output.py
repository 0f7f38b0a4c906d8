"""Writing reports safely: atomically, so a failed run never leaves a half-written file.

A report is written to a temporary file in the target's folder and renamed over the
target only once complete; on any failure the temporary file is removed and an
existing report is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from trafficking_audit.errors import InputError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8, newline as given)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder '{folder}' does not exist", code="output")
    if path.is_dir():
        raise InputError(f"{path}: is a directory", code="output")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror})", code="output") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        # mkstemp creates the file 0600; give it the mode a plain open() would have.
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write ({exc.strerror})", code="output") from None
        raise


def emit(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to standard output."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def _umask() -> int:
    """The process umask (reading it requires setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
