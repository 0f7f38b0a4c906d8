"""The resident server (cli/resident.py, cli/launch.py, `audit server`): a command it runs gives the same
output, errors and exit code as the command run alone; it runs in the caller's folder and environment
and reads the caller's standard input; an interrupt reaches it; the server stops when a file of its
code changes, when idle, and when asked; only its own environment and user are served."""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trafficking_audit.cli import launch

AUDIT = Path(sys.executable).parent / "audit"

pytestmark = [
    pytest.mark.slow,  # every case starts a server and fresh interpreters
    pytest.mark.skipif(not launch.supported(), reason="the server needs fork and Unix sockets"),
    pytest.mark.skipif(not AUDIT.exists(), reason="the audit console script is not installed beside this Python"),
]


# Prints what the console script of the tests' environment would name its server and describe itself as.
DESCRIBE = "from trafficking_audit.cli import launch; print(launch.socket_path()); print(repr(launch.described()))"


class Server:
    """A server started for the tests' environment, its socket in a private temporary folder."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        lines = subprocess.run(
            [sys.executable, "-c", DESCRIBE], capture_output=True, text=True, env=env, check=True
        ).stdout.splitlines()
        self.path, self.described = lines[0], ast.literal_eval(lines[1])

    def audit(
        self, *args: str, alone: bool = False, served: bool | None = None, **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        """Run ``audit ARGS`` with the server running (or ``alone``, with TRAFFICKING_AUDIT_NO_SERVER=1);
        check that the server ran it (``served``, by default when not alone) or not."""
        before = self.served()
        env = {**self.env, launch.NO_SERVER: "1"} if alone else self.env
        done = subprocess.run([str(AUDIT), *args], capture_output=True, text=True, env=env, timeout=120, **kwargs)  # type: ignore[call-overload]
        expected = not alone if served is None else served
        assert (self.served() > before) == expected, "the server did not run it" if expected else "the server ran it"
        return done

    def status(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(AUDIT), "server", "status"], capture_output=True, text=True, env=self.env)

    def ask(self, message: dict[str, object]) -> dict[str, object] | None:
        """Send one message to the server's socket (as a console script of its environment would); its answer."""
        connection = launch.connect(self.path)
        if connection is None:
            return None
        try:
            connection.sendall(launch.frame({"v": launch.VERSION, "described": self.described, **message}))
            return launch.read_message(connection)
        finally:
            connection.close()

    def served(self) -> int:
        """How many commands the server has run (-1 when none runs)."""
        answer = self.ask({"control": "status"})
        return -1 if answer is None else int(answer["served"])  # type: ignore[call-overload]


@contextlib.contextmanager
def started() -> Iterator[Server]:
    runtime = tempfile.mkdtemp(prefix="ta-srv-")  # short: a socket's path has at most ~100 bytes
    env = {k: v for k, v in os.environ.items() if k != launch.NO_SERVER}
    env.update({"XDG_RUNTIME_DIR": runtime, "TRAFFICKING_AUDIT_CACHE_DIR": os.path.join(runtime, "cache")})
    done = subprocess.run([str(AUDIT), "server", "start"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    try:
        yield Server(env)
    finally:
        subprocess.run([str(AUDIT), "server", "stop"], capture_output=True, env=env)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One server for the tests that leave it running (starting one takes about a second)."""
    with started() as running:
        yield running


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of the test's own, for a test that stops it."""
    with started() as running:
        yield running


@pytest.mark.parametrize(
    "args",
    [
        ("run", "kazakhstan", "--format", "json"),
        ("run", "kazakhstan", "--as-of", "2022-12-31", "--format", "md"),
        ("check", "jurisdictions/kazakhstan.yaml"),
        ("run", "atlantis"),
        ("rules", "nope"),
        ("--version",),
        ("--help",),
    ],
)
def test_a_command_run_by_the_server_gives_what_it_gives_alone(server: Server, args: tuple[str, ...]) -> None:
    alone = server.audit(*args, alone=True, cwd=ROOT)
    served = server.audit(*args, cwd=ROOT)
    assert (served.returncode, served.stdout, served.stderr) == (alone.returncode, alone.stdout, alone.stderr)


def test_the_command_runs_in_the_callers_folder_environment_and_standard_input(server: Server, tmp_path: Path) -> None:
    profile = (ROOT / "jurisdictions" / "kazakhstan.yaml").read_text(encoding="utf-8")
    (tmp_path / "kazakhstan.yaml").write_text(profile, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    for args, stdin in [
        (("run", "kazakhstan.yaml", "--format", "json", "--output", "report.json"), None),
        (("run", "/dev/stdin", "--format", "json"), profile),
        (("check", "bad.yaml"), None),
    ]:
        alone = server.audit(*args, alone=True, cwd=tmp_path, input=stdin)
        first = (tmp_path / "report.json").read_bytes() if "--output" in args else b""
        served = server.audit(*args, cwd=tmp_path, input=stdin)
        assert (served.returncode, served.stdout, served.stderr) == (alone.returncode, alone.stdout, alone.stderr)
        if "--output" in args:
            assert (tmp_path / "report.json").read_bytes() == first != b""
        if stdin:
            assert served.returncode == 0 and '"id": "kazakhstan"' in served.stdout
    assert served.returncode == 1 and served.stdout.startswith("bad.yaml:2:1: error")  # relative to the caller's cwd
    colour = server.audit("run", "kazakhstan", "--format", "json", cwd=ROOT)
    nocache = dict(server.env, TRAFFICKING_AUDIT_NO_CACHE="1")
    done = subprocess.run(
        [str(AUDIT), "run", "kazakhstan", "--format", "json"], capture_output=True, text=True, env=nocache, cwd=ROOT
    )
    assert done.stdout == colour.stdout
    cache = Path(server.env["TRAFFICKING_AUDIT_CACHE_DIR"])
    assert cache.is_dir()  # the caller's cache folder, from the caller's environment


def test_an_interrupt_reaches_the_command(server: Server) -> None:
    before = server.served()
    waiting = subprocess.Popen(
        [str(AUDIT), "run", "/dev/stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=server.env,
    )
    deadline = time.monotonic() + 30
    while server.served() == before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the worker is reading standard input
    waiting.send_signal(signal.SIGINT)
    waiting.wait(timeout=30)  # standard input stays open: the command ends by the interrupt, not by its end
    _out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 130, err
    assert b"interrupted" in err


def test_a_changed_file_of_its_code_stops_the_server_and_the_command_runs_alone(own_server: Server) -> None:
    server = own_server
    expected = server.audit("--version", cwd=ROOT)
    code = ROOT / "trafficking_audit" / "cli" / "launch.py"
    status = code.stat()
    try:
        os.utime(code, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        done = server.audit("--version", served=False, cwd=ROOT)  # declined: it ran alone
    finally:
        os.utime(code, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (done.returncode, done.stdout) == (0, expected.stdout)
    deadline = time.monotonic() + 10
    while server.served() >= 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.status().returncode == 1


def test_the_server_stops_when_idle_and_when_asked(tmp_path: Path) -> None:
    runtime = tempfile.mkdtemp(prefix="ta-srv-")
    env = {k: v for k, v in os.environ.items() if k != launch.NO_SERVER}
    env["XDG_RUNTIME_DIR"] = runtime
    try:
        run = lambda *args: subprocess.run([str(AUDIT), *args], capture_output=True, text=True, env=env)  # noqa: E731
        assert run("server", "start", "--idle-minutes", "0.02").returncode == 0
        assert "already runs" in run("server", "start").stdout
        assert run("server", "status").returncode == 0
        deadline = time.monotonic() + 30
        while run("server", "status").returncode == 0 and time.monotonic() < deadline:
            time.sleep(0.1)  # a status request does not count as a command: it stops after 1.2 s without one
        assert run("server", "status").returncode == 1
        assert run("server", "start").returncode == 0
        stopped = run("server", "stop")
        assert stopped.stdout.startswith("server stopped")
        assert run("server", "status").returncode == 1
        assert [p for p in Path(runtime).rglob("*.sock")] == []
        assert run("server", "stop").stdout.startswith("no server runs")
    finally:
        run("server", "stop")
        shutil.rmtree(runtime, ignore_errors=True)


def test_another_environment_is_declined(server: Server) -> None:
    assert server.served() >= 0  # the server answers its own environment
    other = [launch.VERSION, "/another/python", "prefix", "3.x", [], "flags", "package"]
    assert server.ask({"control": "status", "described": other}) == {"declined": "another environment or protocol"}


def test_the_sockets_folder_must_be_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = tmp_path / f"trafficking-audit-{os.getuid()}"
    assert launch.runtime_folder(create=True) == str(folder)
    folder.chmod(0o755)
    assert launch.runtime_folder() is None
    folder.rmdir()
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    folder.symlink_to(tmp_path / "elsewhere")
    assert launch.runtime_folder() is None
