"""The console script builds the application with only the command its command line names (cli/app.main):
that command behaves exactly as in the application with every command, and the others are not imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Every case starts two fresh interpreters: slow (`pytest -m "not slow"` leaves them out; CI runs them).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# `python -c RUN ENTRY ARGS...`: audit ARGS through `main` (ENTRY "main") or the full `app` (ENTRY "app").
RUN = """
import json, sys
entry = sys.argv.pop(1)
sys.argv[0] = "audit"
from trafficking_audit.cli import app as cli
try:
    cli.main() if entry == "main" else cli.app(sys.argv[1:], prog_name="audit")
finally:
    loaded = sorted(name for name in sys.modules if name.startswith("trafficking_audit.cli."))
    sys.stderr.write("\\n" + json.dumps(loaded))
"""


def audit(entry: str, *args: str) -> tuple[int, str, str, list[str]]:
    """Exit code, output, errors and the command modules imported, through ``main`` or the full ``app``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAFFICKING_AUDIT_")}
    env["TRAFFICKING_AUDIT_NO_CACHE"] = "1"
    done = subprocess.run([sys.executable, "-c", RUN, entry, *args], cwd=ROOT, capture_output=True, text=True, env=env)
    errors, _, modules = done.stderr.rpartition("\n")
    return done.returncode, done.stdout, errors, json.loads(modules)


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("check", "--help"),
        ("check", "--nope"),
        ("run",),
        ("chek",),
        ("rules", "show", "--help"),
        ("rules", "nope"),
        ("schema", "rule"),
        ("--version",),
    ],
)
def test_a_command_alone_behaves_as_among_the_others(args: tuple[str, ...]) -> None:
    alone, among = audit("main", *args), audit("app", *args)
    assert alone[:3] == among[:3]


def test_only_the_command_named_is_imported() -> None:
    code, out, errors, modules = audit("main", "check", "jurisdictions/kazakhstan.yaml")
    assert (code, errors) == (0, ""), errors
    assert "trafficking_audit.cli.check" in modules
    assert {"trafficking_audit.cli.run", "trafficking_audit.cli.diff", "trafficking_audit.cli.rules"}.isdisjoint(
        modules
    )
