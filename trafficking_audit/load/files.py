"""Writing a file whole or not at all: the one atomic write of the package.

A reader of the target (a later run, another process, a person opening the report) must see
either the old content or the new, never a half-written file. So the bytes go to a temporary
file in the target's folder (the same file system, so the rename is atomic) and are renamed
over the target once complete; on any failure the temporary file is removed and the target is
left as it was. Callers decide what a failure means: the report writer turns it into an error
of the command, the cache ignores it (a cache entry that cannot be written is a miss next time).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def umask() -> int:
    """The process's file-creation mask (read by setting and restoring it: there is no getter)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, payload: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``payload`` in one step; ``mode`` defaults to what a plain open() would give.

    Raises the operating system's ``OSError`` on failure, after removing the temporary file.
    """
    import tempfile  # here: every command imports this module, and most write no file (tempfile costs ~4 ms)

    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        # mkstemp creates the file 0600; give it the mode asked for, or the one open() would have.
        os.chmod(temp, 0o666 & ~umask() if mode is None else mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
