"""Running the installed tool in a child process under the limits every hostile case must keep.

Each run gets 10 seconds and a 1 GiB address space: a case that hangs or balloons fails its
test instead of the machine. The caches are off unless a test turns them on, so that a cached
report never hides what a run would do.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

TIMEOUT = 10  # seconds
MEMORY = 1024 * 1024 * 1024  # bytes of address space


def limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def audit(
    *args: str | Path, env: dict[str, str] | None = None, cache: Path | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """``audit ARGS`` in a child process, bounded in time and memory; text output captured unless redirected."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("TRAFFICKING_AUDIT_CACHE_DIR", None)
    if cache is None:
        environment["TRAFFICKING_AUDIT_NO_CACHE"] = "1"
    else:
        environment.pop("TRAFFICKING_AUDIT_NO_CACHE", None)
        environment["TRAFFICKING_AUDIT_CACHE_DIR"] = str(cache)
    if "stdout" in kwargs:
        kwargs.setdefault("stderr", subprocess.PIPE)
    else:
        kwargs.setdefault("capture_output", True)
    return subprocess.run(
        [sys.executable, "-m", "trafficking_audit", *map(str, args)],
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limit_memory,
        env=environment,
        **kwargs,
    )


def assert_input_error(done: subprocess.CompletedProcess[str], fragment: str = "") -> str:
    """Exit 2 with one line on standard error (no traceback, no 'bug'); returns that line."""
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "bug" not in done.stderr
    assert fragment in lines[0], lines[0]
    return lines[0]
