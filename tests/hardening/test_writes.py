"""Writes that respect what is there, and errors of the operating system as exit 2 with one line.

Never the real /dev/null or /dev/full: a regression would replace them on the machine running
the tests. Devices are made with ``mknod`` in a temporary folder (as root), pipes with ``mkfifo``.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from tests.hardening.bounded import assert_input_error, audit

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "fixtures" / "data"
REPORT = ("run", "ruritania", "--data", DATA, "--format", "json", "--as-of", "2025-01-01")
LONG = "x" * 300
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")


def _device(folder: Path, name: str, major: int, minor: int) -> Path:
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return path


def _reader(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as stream:
            into.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_output_into_a_fifo_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    thread = _reader(fifo, received)
    done = audit(*REPORT, "--output", fifo)
    thread.join(5)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"{") and b'"ruritania"' in received[0]
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left


def test_output_into_a_socket_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def serve() -> None:
            connection, _ = server.accept()
            with connection:
                chunks = []
                while chunk := connection.recv(65536):
                    chunks.append(chunk)
                received.append(b"".join(chunks))

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        done = audit(*REPORT, "--output", path)
        thread.join(5)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    assert received and received[0].startswith(b"{")


@as_root
def test_output_onto_a_null_device_keeps_the_device(tmp_path: Path) -> None:
    null = _device(tmp_path, "null", *divmod(os.stat("/dev/null").st_rdev, 256))
    null_via_link = tmp_path / "stdout-like"
    null_via_link.symlink_to(null)
    for target in (null, null_via_link):
        done = audit(*REPORT, "--output", target)
        assert done.returncode == 0, done.stderr
        assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.stat("/dev/null").st_rdev
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "stdout-like"]


@as_root
def test_output_onto_a_full_device_is_exit_2_naming_it(tmp_path: Path) -> None:
    full = _device(tmp_path, "full", os.major(os.stat("/dev/full").st_rdev), os.minor(os.stat("/dev/full").st_rdev))
    line = assert_input_error(audit(*REPORT, "--output", full), "No space left on device")
    assert line.startswith(str(full)), line
    assert stat.S_ISCHR(os.stat(full).st_mode)


@as_root
def test_standard_output_on_a_full_device_is_exit_2(tmp_path: Path) -> None:
    full = _device(tmp_path, "full", os.major(os.stat("/dev/full").st_rdev), os.minor(os.stat("/dev/full").st_rdev))
    with open(full, "w") as stream:
        done = audit(*REPORT, stdout=stream)
    assert_input_error(done, "standard output: cannot write (No space left on device)")


def test_standard_output_whose_reader_has_gone_ends_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader fails before the report is written: every write is EPIPE
    try:
        done = audit(*REPORT, stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_pipe_that_closes_after_the_first_line_ends_quietly() -> None:
    import subprocess
    import sys

    from tests.hardening.bounded import TIMEOUT, limit_memory

    env = {**os.environ, "TRAFFICKING_AUDIT_NO_CACHE": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "trafficking_audit", *map(str, REPORT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit_memory,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.readline()
    child.stdout.close()  # like `| head -1`
    error = child.stderr.read()
    assert child.wait(TIMEOUT) == 0, error
    assert error == b""


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("run", LONG), id="jurisdiction"),
        pytest.param(("run", f"{LONG}.yaml"), id="profile-file"),
        pytest.param(("run", f"/tmp/{LONG}/p.yaml"), id="profile-folder"),
        pytest.param(("run", "ruritania", "--output", f"{LONG}.md"), id="output"),
        pytest.param(("run", "ruritania", "--data", LONG), id="data"),
        pytest.param(("run", "--all", "--output-dir", LONG), id="output-dir"),
        pytest.param(("check", "--data", LONG), id="check-data"),
        pytest.param(("check", f"{LONG}.yaml"), id="check-file"),
        pytest.param(("diff", "ruritania", LONG), id="diff"),
        pytest.param(("new", "ruritania", "--output", f"{LONG}.yaml"), id="new-output"),
        pytest.param(("schema", "profile", "--output", f"{LONG}.json"), id="schema-output"),
        pytest.param(("rules", "docs", "--output", f"{LONG}.md"), id="rules-docs-output"),
    ],
)
def test_a_name_too_long_is_exit_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    data = () if "--data" in args or args[0] == "schema" else ("--data", str(DATA))
    done = audit(*args, *data, cwd=tmp_path)
    assert_input_error(done)


def test_paths_through_a_file_or_a_loop_of_links_are_exit_2(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("x")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert_input_error(audit(*REPORT, "--output", plain / "r.json"), str(plain / "r.json"))
    assert_input_error(audit("run", loop, "--data", DATA))
    assert_input_error(audit("run", plain / "p.yaml", "--data", DATA))


@pytest.mark.parametrize("kind", ["too-long", "a-file", "under-a-file"])
def test_an_unusable_cache_folder_turns_the_cache_off_with_one_warning(tmp_path: Path, kind: str) -> None:
    plain = tmp_path / "plain"
    plain.write_text("x")
    folder = {"too-long": tmp_path / LONG, "a-file": plain, "under-a-file": plain / "cache"}[kind]
    done = audit(*REPORT, cache=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("{")
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: cache folder {folder}"), done.stderr
