"""`audit run --all` audits half of a large batch in a forked helper (trafficking_audit.load.forked): the overview,
its warnings and its errors are those of one process auditing every profile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from trafficking_audit.cli import overview
from trafficking_audit.load import forked

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "jurisdictions", tmp_path / "jurisdictions")
    return tmp_path


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split from two profiles on, and record the values the helpers gave."""
    monkeypatch.setattr(overview, "SPLIT_AT", 2)
    monkeypatch.delenv("TRAFFICKING_AUDIT_NO_AHEAD", raising=False)
    given: list[int] = []
    get = forked.Pending.get

    def recording(self: forked.Pending) -> object:
        value = get(self)
        given.append(value is not None)
        return value

    monkeypatch.setattr(forked.Pending, "get", recording)
    return given


def _runs(cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[int, str, str]]:
    results = []
    for switch in ("0", "1"):
        monkeypatch.setenv("TRAFFICKING_AUDIT_NO_AHEAD", switch)
        result = cli("run", "--all", *args)
        results.append((result.exit_code, result.stdout, result.stderr))
    return results


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_a_split_batch_gives_the_overview_of_one_process(cli, data: Path, monkeypatch, helpers, fmt: str) -> None:
    split, alone = _runs(cli, monkeypatch, "--data", str(data), "--format", fmt, "--as-of", "2026-11-28")
    assert split == alone and split[0] == 0
    assert helpers == [True]  # the helper did audit the second half


def test_a_warning_in_the_second_half_is_reported_as_by_one_process(cli, data: Path, monkeypatch, helpers) -> None:
    last = sorted((data / "jurisdictions").glob("*.yaml"))[-1]
    text = last.read_text(encoding="utf-8")
    unused = "\nsources:\n  - {id: never-cited, title: Unused, kind: academic}\n"
    last.write_text(text.replace("\nsources:\n", unused, 1), encoding="utf-8")
    split, alone = _runs(cli, monkeypatch, "--data", str(data), "--format", "json")
    assert split == alone and "never-cited" in split[2]
    assert helpers == [True]


def test_an_error_in_the_second_half_is_reported_as_by_one_process(cli, data: Path, monkeypatch, helpers) -> None:
    last = sorted((data / "jurisdictions").glob("*.yaml"))[-1]
    last.write_text(last.read_text(encoding="utf-8").replace("\nname:", "\nname: [", 1), encoding="utf-8")
    split, alone = _runs(cli, monkeypatch, "--data", str(data), "--format", "json")
    assert split == alone and split[0] == 2 and last.name in split[2]
    # The helper met the failure, so its share was audited again here, where the error is raised.
    assert helpers == [True]


def test_a_helper_that_fails_leaves_its_share_to_this_process(cli, data: Path, monkeypatch, helpers) -> None:
    monkeypatch.setattr(overview, "_rows", _dying_in_children(overview._rows))
    split, alone = _runs(cli, monkeypatch, "--data", str(data), "--format", "json")
    assert split == alone and split[0] == 0
    assert helpers == [False]


def _dying_in_children(rows):
    parent = os.getpid()

    def wrapped(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(3)
        return rows(*args, **kwargs)

    return wrapped
