"""Determinism across hash seeds and directory order; exit code 3 with --debug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], seed: str) -> bytes:
    # The caches off: each run computes its output (a cached report would compare a copy with itself).
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "TRAFFICKING_AUDIT_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "trafficking_audit", *args], capture_output=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_output_is_identical_across_hash_seeds() -> None:
    for args in (
        ["run", "kazakhstan", "--as-of", "2025-06-30", "--format", "html"],
        ["run", "--all", "--as-of", "2025-06-30", "--format", "json"],
    ):
        assert run(args, "0") == run(args, "12345")


def test_output_does_not_depend_on_directory_order(cli, monkeypatch) -> None:
    first = cli("run", "--all", "--as-of", "2025-06-30", "--format", "md").stdout
    real_glob = Path.glob

    def reversed_glob(self, pattern):
        return iter(sorted(real_glob(self, pattern), reverse=True))

    monkeypatch.setattr(Path, "glob", reversed_glob)
    assert cli("run", "--all", "--as-of", "2025-06-30", "--format", "md").stdout == first


def test_debug_shows_the_traceback_of_internal_errors(cli, monkeypatch) -> None:
    import trafficking_audit.engine.selection as selection_module  # `audit run` imports it when it runs
    from trafficking_audit.cli.common import State

    monkeypatch.setattr(State, "debug", False)  # restored after the test, whatever --debug set

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(selection_module, "select_rules", boom)
    result = cli("--debug", "run", "kz")
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "kaboom" in result.stderr
