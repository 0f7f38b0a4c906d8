"""The hostile-input corpus: every bad file ends with exit 2 and positioned lines only (one per problem the
loader finds: every schema error of a file is shown), no traceback.

File cases live in ``tests/fixtures/bad/`` with their expected position and message in
``expected.yaml``; cases too large to commit (tens of megabytes, deep nesting, alias bombs)
are generated here and run in a subprocess under a memory limit and a timeout.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trafficking_audit.errors import display_path

HERE = Path(__file__).resolve().parent
BAD = HERE.parent / "fixtures" / "bad"
DATA = HERE.parent / "fixtures" / "data"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text())


def assert_positioned_lines(result, path: Path | str, line: int | None, col: int | None, fragment: str) -> None:
    """Exit 2; the first line is at the expected place and says ``fragment``; any other line is positioned in
    the same file."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines, result.stderr
    shown = display_path(Path(path))
    prefix = f"{shown}:{line}:{col}: " if line is not None else shown
    assert lines[0].startswith(prefix), lines[0]
    assert all(re.match(rf"^{re.escape(shown)}:\d+:\d+: ", other) for other in lines[1:]), lines
    assert fragment in lines[0], lines[0]


def test_every_corpus_file_has_an_expectation() -> None:
    for kind in ("profiles", "rules"):
        assert sorted(p.name for p in (BAD / kind).iterdir()) == sorted(EXPECTED[kind])
    assert len(EXPECTED["profiles"]) + len(EXPECTED["rules"]) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED["profiles"]))
def test_bad_profile(cli, name: str) -> None:
    line, col, fragment = EXPECTED["profiles"][name]
    path = BAD / "profiles" / name
    result = cli("run", str(path), "--data", str(DATA))
    assert_positioned_lines(result, path, line, col, fragment)


# A template that fails only when rendered with some values stops an audit only when the audit renders it
# (tests/hardening/test_templates.py): ruritania meets that rule, freedonia needs its recommendation.
AUDITED = {"template-empty-list.yaml": "freedonia"}


@pytest.mark.parametrize("name", sorted(EXPECTED["rules"]))
def test_bad_rule_file(cli, tmp_path: Path, name: str) -> None:
    line, col, fragment = EXPECTED["rules"][name]
    shutil.copytree(DATA, tmp_path / "data")
    target = tmp_path / "data" / "rules" / "zz-bad.yaml"
    shutil.copy(BAD / "rules" / name, target)
    result = cli("run", AUDITED.get(name, "ruritania"), "--data", str(tmp_path / "data"))
    assert_positioned_lines(result, target, line, col, fragment)


def test_missing_file_and_directory(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert_positioned_lines(cli("run", str(missing), "--data", str(DATA)), missing, None, None, "no such file")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert_positioned_lines(cli("run", str(folder), "--data", str(DATA)), folder, None, None, "is a directory")


def test_unreadable_file(cli, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("id: x\n")

    from trafficking_audit.load import inputs

    real = open

    def denied(file, *args, **kwargs):
        if Path(file).name == "secret.yaml":  # root can read anything, so simulate the refusal
            raise PermissionError(13, "Permission denied")
        return real(file, *args, **kwargs)

    # Every input file is read in one place (load/inputs.py), so the refusal is simulated there.
    monkeypatch.setattr(inputs, "open", denied, raising=False)
    assert_positioned_lines(cli("run", str(path), "--data", str(DATA)), path, None, None, "permission denied")


HEAD = "id: bad\nname: Bad\niso2: BD\niso3: BGD\nlast_reviewed: 2025-01-01\n"


def billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return HEAD + "\n".join(lines) + "\n"


GENERATED = {
    "huge-file.yaml": (
        lambda: HEAD + "notes:\n" + "  - padding padding padding padding\n" * 700_000,
        None,
        "file is too large",
    ),
    "megabyte-line.yaml": (lambda: HEAD + "region: " + "x" * 3_000_000 + "\n", (6, 9), "value is too long"),
    "deep-flow-nesting.yaml": (lambda: HEAD + "region: " + "[" * 5000 + "]" * 5000 + "\n", (6, None), "nesting"),
    "deep-block-nesting.yaml": (
        lambda: HEAD + "offence:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)) + " " * 200 + "x\n",
        (None, None),
        "nesting deeper than",
    ),
    "billion-laughs.yaml": (billion_laughs, (6, 5), "anchors and aliases are not allowed"),
    "many-nodes.yaml": (lambda: HEAD + "aliases: [" + ", ".join(["a"] * 600_000) + "]\n", None, "too many YAML nodes"),
}


def _limit_memory() -> None:  # runs in the child before exec
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_input_is_bounded(tmp_path: Path, name: str) -> None:
    make, position, fragment = GENERATED[name]
    path = tmp_path / name
    path.write_text(make())
    completed = subprocess.run(
        [sys.executable, "-m", "trafficking_audit", "run", str(path), "--data", str(DATA)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)), completed.stderr[-2000:]
    if position is not None and position[0] is not None:
        assert lines[0].startswith(f"{path}:{position[0]}:"), lines[0]
    assert fragment in lines[0], lines[0]
