"""``audit server``: start, stop or ask after the resident server that runs commands without start-up costs.

The server itself is cli/launch.py; this module launches it as a detached process of the same Python
with the same module search path, and waits until it answers.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import time
from typing import Annotated

import typer

from trafficking_audit.cli import launch
from trafficking_audit.errors import EXIT_INPUT

app = typer.Typer(
    name="server",
    help="A resident process that has imported everything once and runs each `audit` command in a forked "
    "worker, so that checking or auditing an edited profile costs milliseconds instead of a start-up. "
    "Opt-in; it holds code only, never data, and stops when its code changes.\n\n"
    "Example: audit server start",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

START_EPILOG = """Examples:

  audit server start

  audit server start --idle-minutes 120

Every `audit` command of this Python environment (the same interpreter and module search path) then runs
in the server, until it has been idle for --idle-minutes, until `audit server stop`, or until a file of
its code changes. TRAFFICKING_AUDIT_NO_SERVER=1 makes one command run in its own process.
"""

STOP_EPILOG = """Example:

  audit server stop
"""

STATUS_EPILOG = """Example:

  audit server status

Exit codes: 0 a server runs for this environment; 1 none does.
"""

# What `audit server start` runs: the server (cli/resident.py), with exactly the caller's module search
# path after its first entry (the folders the console script imports from), given as the first argument.
BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from trafficking_audit.cli.resident import main; main(sys.argv[2:])"
)
START_TIMEOUT = 30.0  # seconds for the server to import everything and answer


def _unsupported() -> None:
    if not launch.supported():
        typer.echo(
            "the resident server needs fork and Unix sockets that pass file descriptors (Linux, macOS); "
            "on this platform every command runs in its own process",
            err=True,
        )
        raise typer.Exit(EXIT_INPUT)


@app.command("start", epilog=START_EPILOG)
def start(
    idle_minutes: Annotated[
        float,
        typer.Option("--idle-minutes", min=0.01, help="Stop after this many minutes without a command."),
    ] = launch.DEFAULT_IDLE_MINUTES,
) -> None:
    """Start the server for this Python environment (nothing happens when one already runs)."""
    _unsupported()
    running = launch.control("status")
    if running is not None:
        typer.echo(f"a server already runs for this environment (pid {running['pid']})")
        return
    description = launch.described()
    key = launch.environment_key(description)
    path = launch.socket_path(key, create=True)
    if path is None:
        typer.echo(
            "no private folder for the server's socket (set XDG_RUNTIME_DIR to a folder only you can use)", err=True
        )
        raise typer.Exit(EXIT_INPUT)
    log_path = path[: -len(".sock")] + ".log"
    with open(log_path, "ab") as log:  # the server's own errors; a command's go to its caller
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                BOOT,
                json.dumps(description[launch.SEARCH_PATH]),
                key,
                str(idle_minutes * 60),
                marshal.dumps(description).hex(),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C or hang-up
            close_fds=True,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        status = launch.control("status")
        if status is not None and status.get("pid") == process.pid:
            typer.echo(
                f"server started (pid {process.pid}); `audit` commands of this environment now run in it "
                f"until {idle_minutes:g} minutes without one, or `audit server stop`"
            )
            return
        if process.poll() is not None:
            break
        time.sleep(0.05)
    if process.poll() is None:
        process.terminate()
    typer.echo(f"the server did not start; its log is {log_path}", err=True)
    raise typer.Exit(EXIT_INPUT)


@app.command("stop", epilog=STOP_EPILOG)
def stop() -> None:
    """Stop this environment's server (it lets the commands it runs finish first)."""
    _unsupported()
    answer = launch.control("stop")
    if answer is None:
        typer.echo("no server runs for this environment")
        return
    pid = int(answer["pid"])
    deadline = time.monotonic() + 10.0
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.02)
    typer.echo(f"server stopped (pid {pid})")


@app.command("status", epilog=STATUS_EPILOG)
def status() -> None:
    """Say whether a server runs for this Python environment, since when, and how many commands it ran."""
    _unsupported()
    answer = launch.control("status")
    if answer is None:
        typer.echo("no server runs for this environment")
        raise typer.Exit(1)
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(answer["started"])))
    typer.echo(
        f"server running: pid {answer['pid']}, started {started}, {answer['served']} commands run; "
        f"socket {launch.socket_path()}"
    )


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` still exists (a zombie of another parent counts as gone soon enough)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - the pid was reused by another user's process
        return False
    return True
