"""Work done by a forked child process on a second core, its results sent back through a private pipe.

Two uses share this: parsing profiles ahead (:mod:`~trafficking_audit.load.ahead`) and auditing half of a
batch (``audit run --all``). Both follow one rule: the child is only an accelerator. It computes, with
this process's own code and data (it gets them by ``fork``), what this process would compute; whatever
goes wrong in it (an error, a signal, a short or unreadable answer) only means this process does that
work itself, so a result or an error message never depends on whether a child ran.

A child is forked only on a POSIX system other than macOS (where ``fork`` of a process that may have
loaded system frameworks is unsafe), in a process with one thread, with SIGCHLD not ignored (its pid
must stay ours until reaped), and never with ``TRAFFICKING_AUDIT_NO_AHEAD=1`` (one process does
everything). Signals are held across the fork, so a Ctrl-C can neither run this process's code in the
child nor lose the child; the child runs no garbage collection (it would run this process's finalizers),
and it ends with ``os._exit`` (no clean-up of this process's runs twice, no buffer is flushed twice).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import weakref
from collections.abc import Callable
from typing import BinaryIO, Generic, TypeVar

T = TypeVar("T")
_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def usable() -> bool:
    """Whether this process may fork a helper now (platform, threads, SIGCHLD, the user's switch)."""
    if os.environ.get("TRAFFICKING_AUDIT_NO_AHEAD", "") not in ("", "0"):
        return False
    if os.name != "posix" or sys.platform == "darwin" or not hasattr(os, "fork"):
        return False
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:  # children reaped by the system: no pid is safe to kill
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def spawn(work: Callable[[int], None]) -> tuple[int, BinaryIO] | None:
    """Fork a child that runs ``work`` on the write end of a pipe and exits; give this process the child's
    pid and the read end, or None when no child could be started (the caller then does the work)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of descriptors
        return None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child
            code = 0
            try:
                gc.disable()
                for number in _HELD:
                    signal.signal(number, signal.SIG_DFL)  # a signal ends the child at once, silently
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                os.close(read_end)
                work(write_end)
            except BaseException:  # noqa: BLE001 - whatever happens, the parent does what the child did not
                code = 1
            os._exit(code)
        os.close(write_end)
        return pid, os.fdopen(read_end, "rb")
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def stop(pid: int, stream: BinaryIO) -> None:
    """Close the pipe, kill the child if it still runs and reap it (call once per child: a pid is killed only
    before it is reaped, so never another process's)."""
    stream.close()
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


class Pending(Generic[T]):
    """The value a child computes (:func:`call`), taken once with :meth:`get`."""

    def __init__(self, pid: int, stream: BinaryIO) -> None:
        self._stream = stream
        self._finalizer = weakref.finalize(self, stop, pid, stream)  # by get(), on collection, or at exit

    def get(self) -> T | None:
        """The child's value, or None when it has none (it failed, died or sent what does not load)."""
        try:
            body = self._stream.read()
            return pickle.loads(body) if body else None  # noqa: S301 - our own child's value, see the module
        except Exception:  # noqa: BLE001 - no value: the caller computes it
            return None
        finally:
            self._finalizer()

    def cancel(self) -> None:
        """Stop the child: its value is not wanted."""
        self._finalizer()


def call(task: Callable[[], T]) -> Pending[T] | None:
    """Run ``task`` in a child (when :func:`usable`), or None: the caller runs it itself."""
    if not usable():
        return None

    def work(fd: int) -> None:
        body = pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as out:
            out.write(body)

    started = spawn(work)
    return None if started is None else Pending(*started)
