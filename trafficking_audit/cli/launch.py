"""The ``audit`` console script: a running resident server runs the command (cli/resident.py), else this process.

When ``audit server start`` has started a server for this Python environment, the script connects to
it, hands over its command line, working folder, environment, umask and its standard input, output
and error themselves (the file descriptors, passed over a Unix socket), waits for the worker the
server forks, and exits with the worker's exit status. When no server runs (the default), when
``TRAFFICKING_AUDIT_NO_SERVER=1`` is set, or when the server declines, the command runs in this
process as it always has. Nothing of a command has run when the server declines, so it never runs twice.

This module is what every command imports first, so it uses only modules built into the interpreter
or already imported at its start (``os``, ``sys``, ``marshal``, ``_socket``, ``_signal``, ``zlib``):
importing ``socket``, ``json`` and ``hashlib`` would cost a command run by the server a third of its time.

The protocol, one connection per command: each message is 4 bytes of big-endian length, then that
many bytes of ``marshal`` data (the peer is the same user, checked by the server). The client sends a
request; with a command, its first byte carries the descriptors 0, 1 and 2 as ancillary data
(SCM_RIGHTS). The server answers ``{"pid": N}`` when it has forked the worker, then ``{"exit": CODE}``
when the worker has ended; or ``{"declined": REASON}`` (the client runs the command itself); or, to a
control request (``status`` or ``stop``), its answer.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing costs a command run by the server ~5 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

VERSION = 1  # of the protocol
FDS = 3  # standard input, output and error
MAX_MESSAGE = 4 * 1024 * 1024  # bytes of one message (a command line and an environment)
NO_SERVER = "TRAFFICKING_AUDIT_NO_SERVER"
DEFAULT_IDLE_MINUTES = 30.0
SEARCH_PATH = 4  # the index of the module search path in described()
ANSWER_TIMEOUT = 60.0  # seconds for the server to fork a worker (it takes milliseconds)


def main() -> None:
    """Hand the command to this environment's server when one runs; run it here otherwise.

    ``audit server ...`` always runs here: it starts, stops or asks after the server itself.
    """
    argv = sys.argv[1:]
    if argv[:1] != ["server"]:
        code = run_in_server(argv)
        if code is not None:
            raise SystemExit(code)
    from trafficking_audit.cli.app import main as run_here

    run_here()


def supported() -> bool:
    """Whether this platform can run the server (fork, Unix sockets, descriptor passing)."""
    import _socket

    return hasattr(os, "fork") and hasattr(_socket, "AF_UNIX") and hasattr(_socket, "SCM_RIGHTS")


def described() -> list[Any]:
    """What decides which code a console script of this environment imports.

    The interpreter is named by its real file and the environment's prefix (a virtual environment's
    ``python`` and ``python3`` are links to one file). ``sys.path[0]`` (the folder of the script, or
    the current folder for ``python -c``) is left out: it holds no package of this project, and it
    differs between the console script and the server, which is given the rest of this very list.
    Relative folders are made absolute (from another folder they are other folders).
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    search = [os.path.abspath(entry) for entry in sys.path[1:]]
    return [VERSION, os.path.realpath(sys.executable), sys.prefix, sys.version, search, repr(sys.flags), package]


def environment_key(description: list[Any] | None = None) -> str:
    """The name of this environment's socket: a 64-bit checksum of :func:`described`.

    Only a name: the server compares the whole description of every request with its own and declines
    another environment's, so a clash of names costs speed, never a command run by other code.
    """
    import zlib

    blob = repr(description or described()).encode("utf-8", "surrogateescape")  # marshal's bytes vary with refcounts
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}"


def runtime_folder(create: bool = False) -> str | None:
    """The private folder of this user's server sockets; None when there is none that is safe.

    ``$XDG_RUNTIME_DIR`` when set (a per-user folder the system cleans), else a folder named after the
    user id in ``$TMPDIR`` or ``/tmp``. It must be a real folder (not a link), owned by this user and
    closed to everyone else, or no server is used.
    """
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    folder = os.path.join(base, f"trafficking-audit-{os.getuid()}")
    if create:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        status = os.lstat(folder)
    except OSError:
        return None
    is_folder = (status.st_mode & 0o170000) == 0o040000  # stat.S_ISDIR, without importing stat
    if not is_folder or status.st_uid != os.getuid() or status.st_mode & 0o077:
        return None
    return folder


def socket_path(key: str | None = None, create: bool = False) -> str | None:
    """The path of this environment's server socket (None when no safe folder exists)."""
    folder = runtime_folder(create)
    if folder is None:
        return None
    path = os.path.join(folder, f"{key or environment_key()}.sock")
    return path if len(os.fsencode(path)) < 100 else None  # the limit of a Unix socket's address


def frame(message: dict[str, Any]) -> bytes:
    """One message as sent: its length, then its ``marshal`` bytes."""
    body = marshal.dumps(message)
    return len(body).to_bytes(4, "big") + body


def read_message(connection: Any) -> dict[str, Any] | None:
    """The next message from ``connection``; None when it closed first."""
    head = _read_exactly(connection, 4)
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    if size > MAX_MESSAGE:
        raise ValueError("message too large")
    body = _read_exactly(connection, size)
    if body is None:
        raise ValueError("truncated message")
    message = marshal.loads(body)
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message


def _read_exactly(connection: Any, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = connection.recv(min(65536, size - len(data)))
        if not chunk:
            if data:
                raise ValueError("truncated message")
            return None
        data += chunk
    return data


def connect(path: str, timeout: float | None = 2.0) -> Any:
    """A connection to the server at ``path`` (a ``_socket.socket``); None when none listens there."""
    import _socket

    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    client.settimeout(timeout)
    try:
        client.connect(path)
    except OSError:
        client.close()
        return None
    return client


def control(request: str, key: str | None = None, timeout: float = 5.0) -> dict[str, Any] | None:
    """Send a control request ("status" or "stop") to this environment's server; its answer, or None
    when no server answers."""
    path = socket_path(key) if supported() else None
    connection = connect(path, timeout) if path else None
    if connection is None:
        return None
    try:
        connection.sendall(frame({"v": VERSION, "control": request, "described": described()}))
        answer = read_message(connection)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        connection.close()
    return answer if answer is not None and "declined" not in answer else None


def run_in_server(argv: list[str]) -> int | None:
    """Run the command ``argv`` in this environment's server: its exit code, or None when no server
    takes it (none runs, it declined, or this process cannot hand its streams over), in which case the
    caller runs the command itself. Nothing of the command has run when this returns None.
    """
    if os.environ.get(NO_SERVER, "") not in ("", "0") or not supported():
        return None
    description = described()
    path = socket_path(environment_key(description))
    if path is None or not os.path.exists(path):
        return None
    connection = connect(path)
    if connection is None:
        return None
    try:
        return _run(connection, argv, description)
    finally:
        connection.close()


def _run(connection: Any, argv: list[str], description: list[Any]) -> int | None:
    import _socket

    interrupts = Interrupts()
    try:
        for fd in range(FDS):
            os.fstat(fd)  # a closed standard stream cannot be handed over
        message = frame(
            {
                "v": VERSION,
                "described": description,
                "argv": [sys.argv[0], *argv],
                "cwd": os.getcwd(),
                "env": dict(os.environ),
                "umask": _umask(),
                "streams": [_encoding(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)],
            }
        )
        descriptors = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in range(FDS))  # C ints
        connection.sendmsg([message[:1]], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors)])
        connection.sendall(message[1:])
        connection.settimeout(ANSWER_TIMEOUT)
        first = read_message(connection)
    except TimeoutError:
        interrupts.restore()
        sys.stderr.write(
            f"trafficking-audit: the server did not answer in {ANSWER_TIMEOUT:.0f} s; stop it with "
            f"`audit server stop`, or set {NO_SERVER}=1 to run commands without it\n"
        )
        return 1
    except (OSError, ValueError, EOFError, TypeError):
        first = None  # the server did not get the request, or closed the connection without forking
    if first is None or "pid" not in first:
        interrupts.restore()  # declined: nothing ran, and this process runs the command (an interrupt too)
        return None
    interrupts.forward_to(int(first["pid"]))
    connection.settimeout(None)
    try:
        answer = read_message(connection)
    except (OSError, ValueError, EOFError, TypeError):
        answer = None
    if answer is not None and "exit" in answer:
        return int(answer["exit"])
    sys.stderr.write("trafficking-audit: the server's worker ended without an exit status\n")
    return 1


class Interrupts:
    """The signals that would stop a command (Ctrl-C, termination, hang-up), held from the moment the
    request is sent: passed to the worker once it is known, or, when the server declines, given back to
    this process (which then runs the command itself)."""

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")

    def __init__(self) -> None:
        import _signal

        self.signal = _signal
        self.pid: int | None = None
        self.pending: list[int] = []
        self.previous: dict[int, Any] = {}
        for name in self.NAMES:
            if hasattr(_signal, name):
                number = getattr(_signal, name)
                self.previous[number] = _signal.signal(number, self.received)

    def received(self, signum: int, _frame: object) -> None:
        if self.pid is None:
            self.pending.append(signum)
            return
        try:  # noqa: SIM105 - contextlib is not imported by the console script's start-up
            os.kill(self.pid, signum)
        except OSError:
            pass

    def forward_to(self, pid: int) -> None:
        self.pid = pid
        for signum in self.pending:
            self.received(signum, None)

    def restore(self) -> None:
        """Give the signals back; one received meanwhile ends this process as it would have (Ctrl-C as a
        command's guard ends it: ``interrupted``, exit code 130)."""
        for number, handler in self.previous.items():
            self.signal.signal(number, handler)
        if self.signal.SIGINT in self.pending:
            sys.stderr.write("interrupted\n")
            raise SystemExit(130)
        for signum in self.pending:
            os.kill(os.getpid(), signum)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _encoding(stream: Any) -> list[str | None]:
    return [getattr(stream, "encoding", None), getattr(stream, "errors", None)]
