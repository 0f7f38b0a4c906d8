"""The resident server: the package imported once, a forked worker for every command.

A command's own work on an edited profile takes tens of milliseconds; importing typer, pydantic (and
building the package's ~75 models), PyYAML, Jinja and rich before it takes several hundred, more
than the budgets of issue 20 allow any process that imports them. ``audit server start``
(cli/server.py) starts this server: it imports all of that once, then waits on a Unix socket. The
console script (cli/launch.py) hands it each command with the caller's standard streams, and the
server forks a worker that runs the command exactly as a fresh process would: in the caller's folder,
environment and umask, writing to the caller's terminal or pipes, reading the caller's standard input.
The worker's exit status goes back to the console script, which exits with it.

Why nothing can be stale:

- The server holds code, never data. It imports modules, then clears every ``functools`` cache of the
  package, so each worker reads rules, profiles, templates and caches from disk as a fresh process
  does, through the same content-keyed caches. (It then computes again the few caches that are a
  function of the package's own files alone, :data:`CODE_ONLY`: the checks below cover those files.)
- Before every command it re-reads the size and modification time of each file its code came from
  (every imported module's file, every other file opened while importing, and every file and folder of
  the package, templates and translations included); if one has changed, it declines (the console
  script runs the command itself) and stops.
- It serves only the environment it was started for: each request describes the client's interpreter,
  module search path and flags (launch.described) and is declined unless that equals the server's.
- Only the user who started it may use it: its socket's folder is private (mode 0700, checked before
  use) and it checks the peer's user id on every connection.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from typing import Any

from trafficking_audit.cli import launch

# Caches that are a function of the package's files (and the installed libraries) alone, computed
# once in the server after the caches are cleared: every worker would compute the same value, and the
# server stops when one of those files changes. (module, function)
CODE_ONLY = (
    ("trafficking_audit.app.report_cache", "code_fingerprint"),
    ("trafficking_audit.load.cache", "code_fingerprint"),
)
# Libraries a command may import late, imported with the package.
LIBRARIES = ("jinja2", "markupsafe", "rich.console", "rich.table", "rich.text", "pycountry")


def preload() -> list[str]:
    """Import every module a command may need; return the paths of the non-module files opened meanwhile.

    Then clear every ``functools`` cache of the package (so that no worker starts with a value computed
    from data in the server), compute the :data:`CODE_ONLY` ones, and prepare the commands' parsers.
    """
    import importlib
    import pkgutil

    opened: list[str] = []
    recording = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if recording[0] and event == "open" and isinstance(args[0], str | bytes):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(hook)  # an audit hook cannot be removed: it records only until the end of this function
    try:
        import trafficking_audit

        for module in pkgutil.walk_packages(trafficking_audit.__path__, "trafficking_audit."):
            if module.name != "trafficking_audit.__main__":
                importlib.import_module(module.name)
        for library in LIBRARIES:
            with contextlib.suppress(ImportError):  # an optional library that is not installed
                importlib.import_module(library)
    finally:
        recording[0] = False
    _clear_caches()
    for module_name, function in CODE_ONLY:
        getattr(sys.modules[module_name], function)()
    from trafficking_audit.cli.app import prepare

    prepare()
    return sorted(set(opened))


def _clear_caches() -> None:
    import functools

    for name, module in list(sys.modules.items()):
        if name.startswith("trafficking_audit") and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()


def watched_files(opened: list[str]) -> list[str]:
    """The files and folders the server's code came from: every imported module's file, the other files
    opened while importing (library metadata), and every file and folder of the package; bytecode excepted."""
    import trafficking_audit

    found = {getattr(module, "__file__", None) for module in list(sys.modules.values())} | set(opened)
    # Bytecode is left out: it follows its source (watched), and another process may rewrite it at any time.
    paths = {path for path in found if isinstance(path, str) and not path.endswith(".pyc")}
    for root in trafficking_audit.__path__:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            paths.add(folder)
            paths.update(os.path.join(folder, name) for name in names)
    return sorted(paths)


def fingerprint(paths: list[str]) -> list[tuple[int, int] | None]:
    """Size and modification time of each path (None for one that is gone)."""
    found: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            found.append(None)
        else:
            found.append((status.st_size, status.st_mtime_ns))
    return found


def serve(path: str, idle_seconds: float, expected: list[Any]) -> None:
    """Preload, then serve the environment ``expected`` describes on the socket ``path`` until it has been
    idle for ``idle_seconds``, is stopped (``stop`` request, SIGTERM) or its code changes."""
    import gc
    import selectors
    import signal
    import time

    watched = watched_files(preload())
    known = fingerprint(watched)
    gc.collect()
    gc.freeze()  # the preloaded objects stay shared with the workers instead of copied by their collector

    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    opened = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    opened.bind(path)
    bound = os.stat(path).st_ino
    opened.listen(64)
    opened.setblocking(False)
    listener: socket.socket | None = opened
    wake_read, wake_write = os.pipe()
    for fd in (wake_read, wake_write):
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake_write)
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGCHLD, lambda _s, _f: None)  # a Python handler, so that the wakeup fd wakes the loop
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    selector = selectors.DefaultSelector()
    selector.register(opened, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    workers: dict[int, socket.socket] = {}
    started, served, last = time.time(), 0, time.monotonic()
    server = Server(expected, watched, known, selector, workers, (wake_read, wake_write))

    def close_listener() -> None:
        """Take no more commands: the socket file goes (while it is still this server's) and the listener closes."""
        nonlocal listener
        if listener is None:
            return
        selector.unregister(listener)
        listener.close()
        listener = None
        try:
            if os.stat(path).st_ino == bound:
                os.unlink(path)
        except OSError:
            pass

    try:
        while listener is not None or workers:
            if stopping:
                close_listener()
            idle_left = max(0.0, idle_seconds - (time.monotonic() - last))
            events = selector.select(None if workers else idle_left if listener else 0.1)
            _reap(workers)
            if not events and not workers and time.monotonic() - last >= idle_seconds:
                break
            for key, _mask in events:
                if key.fileobj == wake_read:
                    _drain(wake_read)
                    continue
                if listener is None:
                    continue
                try:
                    connection, _address = listener.accept()
                except (BlockingIOError, InterruptedError):
                    continue
                outcome = server.handle(connection, listener)
                if outcome == "forked":  # only a command keeps the server from going idle, not a status request
                    served, last = served + 1, time.monotonic()
                if outcome == "status":
                    _send(connection, {"pid": os.getpid(), "started": started, "served": served})
                stopping = stopping or outcome in ("stale", "stop")
    finally:
        close_listener()
        for connection in workers.values():
            connection.close()
        os.close(wake_read)
        os.close(wake_write)


class Server:
    """What a connection is answered with: the server's environment, its code's fingerprint, its workers."""

    def __init__(
        self,
        expected: list[Any],
        watched: list[str],
        known: list[tuple[int, int] | None],
        selector: Any,
        workers: dict[int, socket.socket],
        pipe: tuple[int, int],
    ) -> None:
        self.expected, self.watched, self.known = expected, watched, known
        self.selector, self.workers, self.pipe = selector, workers, pipe

    def handle(self, connection: socket.socket, listener: socket.socket) -> str:
        """Answer one connection: "status" (the caller sends the status and closes), "stop", a declined
        command ("declined", or "stale" when the code changed), "refused" (another user), or "forked"."""
        import struct

        fds: list[int] = []
        try:
            connection.setblocking(True)
            connection.settimeout(5.0)
            if hasattr(socket, "SO_PEERCRED"):
                credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
                if struct.unpack("3i", credentials)[1] != os.getuid():
                    connection.close()
                    return "refused"
            request, fds = _receive(connection)
            if request.get("v") != launch.VERSION or request.get("described") != self.expected:
                return _decline(connection, "another environment or protocol", "declined")
            if "control" in request:
                if request["control"] == "stop":
                    _send(connection, {"stopping": True, "pid": os.getpid()})
                    return "stop"
                return "status"
            if len(fds) != launch.FDS:
                return _decline(connection, "no standard streams", "declined")
            if fingerprint(self.watched) != self.known:
                return _decline(connection, "the code changed since the server started", "stale")
            connection.settimeout(None)
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                _work(request, fds, [connection, listener, *self.workers.values()], self.selector, self.pipe)
            self.workers[pid] = connection
            connection.sendall(launch.frame({"pid": pid}))
            return "forked"
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            connection.close()
            return "failed"
        finally:
            for fd in fds:
                os.close(fd)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass


def _reap(workers: dict[int, socket.socket]) -> None:
    """Send each ended worker's exit code to its client (128 + N for a worker ended by signal N, as a shell says)."""
    while workers:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = workers.pop(pid, None)
        if connection is not None:
            code = os.waitstatus_to_exitcode(status)
            _send(connection, {"exit": code if code >= 0 else 128 - code})


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    """Send one message and close the connection."""
    with connection, contextlib.suppress(OSError):
        connection.sendall(launch.frame(message))


def _decline(connection: socket.socket, reason: str, outcome: str) -> str:
    _send(connection, {"declined": reason})
    return outcome


def _receive(connection: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """One request and the descriptors that came with its first byte."""
    import array

    descriptors = array.array("i")
    first, ancillary, _flags, _address = connection.recvmsg(1, socket.CMSG_SPACE(launch.FDS * descriptors.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            descriptors.frombytes(payload[: len(payload) - len(payload) % descriptors.itemsize])
    fds = list(descriptors)
    if not first:
        raise ValueError("no request")

    class Rest:
        """The connection, with the byte already read put back in front."""

        pending = first

        @classmethod
        def recv(cls, size: int) -> bytes:
            if cls.pending:
                chunk, cls.pending = cls.pending[:size], cls.pending[size:]
                return chunk
            return connection.recv(size)

    request = launch.read_message(Rest)
    if request is None:
        raise ValueError("no request")
    return request, fds


def _work(
    request: dict[str, Any], fds: list[int], sockets: list[socket.socket], selector: Any, pipe: tuple[int, int]
) -> None:
    """The forked worker: become the caller's process in all that a command can see, run it, exit."""
    code = 1
    try:
        code = _run(request, fds, sockets, selector, pipe)
    except KeyboardInterrupt:  # before the command's own guard was reached
        code = 130
    except BaseException:  # noqa: BLE001 - a worker must end with os._exit, never return to the server's loop
        try:
            import traceback

            traceback.print_exc()
        except BaseException:  # noqa: BLE001, S110 - standard error itself is gone
            pass
    os._exit(code)


def _run(
    request: dict[str, Any], fds: list[int], sockets: list[socket.socket], selector: Any, pipe: tuple[int, int]
) -> int:
    import locale
    import signal
    import time

    signal.set_wakeup_fd(-1)
    for name in ("SIGCHLD", "SIGTERM", "SIGHUP", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    selector.close()
    for owned in sockets:
        owned.close()
    for fd in pipe:
        os.close(fd)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    fds.clear()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["env"].items()})
    if hasattr(time, "tzset"):
        time.tzset()
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_CTYPE, "")
    os.umask(int(request["umask"]))
    _open_streams(request["streams"])
    sys.argv = [str(arg) for arg in request["argv"]]

    from trafficking_audit.cli.app import main

    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except KeyboardInterrupt:
        code = 130
    return _flushed(code)


def _open_streams(streams: list[list[str | None]]) -> None:
    """New standard streams on descriptors 0-2, encoded as the caller's were; output line-buffered on a
    terminal, and standard error always, as Python opens them."""
    opened = []
    for fd, (encoding, errors) in enumerate(streams):
        buffering = 1 if fd == 2 or (fd == 1 and os.isatty(fd)) else -1
        mode = "r" if fd == 0 else "w"
        opened.append(open(fd, mode, buffering=buffering, encoding=encoding, errors=errors, closefd=False))  # noqa: SIM115
    sys.stdin, sys.stdout, sys.stderr = opened
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = opened  # type: ignore[misc, assignment]


def _exit_code(code: object) -> int:
    """The exit status Python gives ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flushed(code: int) -> int:
    """Flush the standard streams as Python does at exit; a reader gone away gives 120, as in Python."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = 120 if code == 0 else code
    return code


def main(argv: list[str]) -> None:
    """``python -c BOOT SEARCH_PATH KEY IDLE_SECONDS DESCRIPTION``: what ``audit server start`` launches.

    ``BOOT`` (cli/server.py) has set ``sys.path`` to the starting console script's search path (after
    its first entry), so this process imports the code that script would; ``DESCRIPTION`` is that
    script's :func:`launch.described`, in ``marshal`` bytes as hexadecimal: the environment served.
    """
    import marshal

    key, idle, expected = argv[0], float(argv[1]), marshal.loads(bytes.fromhex(argv[2]))
    path = launch.socket_path(key, create=True)
    if path is None:
        sys.stderr.write("no private folder for the server's socket\n")
        raise SystemExit(2)
    serve(path, idle, expected)
