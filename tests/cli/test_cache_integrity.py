"""The caches can only serve what was audited: the bytes hashed are the bytes parsed, a file that is
not a regular file is never cached, a damaged validated-profile entry is remade, and the cache folder
may vanish at any moment of a run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from trafficking_audit.app import report_cache
from trafficking_audit.load import cache, loader
from trafficking_audit.load.cache import prune_once

AUDIT = Path(sys.executable).parent / "audit"


def fresh(cli, monkeypatch: pytest.MonkeyPatch, *args: str):
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        return cli(*args)


def statuses(stdout: str) -> dict[str, str]:
    return {f["rule"]: f["status"] for f in json.loads(stdout)["findings"]}


MET = "means_role: {value: constituent"
NOT_MET = "means_role: {value: not_covered"


def test_a_file_edited_between_hashing_and_parsing_cannot_store_a_report_under_the_wrong_key(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = data / "jurisdictions" / "freedonia.yaml"
    original = profile.read_text()
    assert MET in original
    args = ("run", str(profile), "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    hashed = report_cache.report_key

    def key_then_edit(request):
        key = hashed(request)
        profile.write_text(original.replace(MET, NOT_MET))  # the editor saves after the key was made
        return key

    monkeypatch.setattr(report_cache, "report_key", key_then_edit)
    during = cli(*args)
    assert during.exit_code == 0, during.stderr
    assert statuses(during.stdout)["means-core-elements"] == "met"  # what was hashed is what was audited
    monkeypatch.setattr(report_cache, "report_key", hashed)
    after = cli(*args)  # the file now holds the edit: its own key, its own report
    assert statuses(after.stdout)["means-core-elements"] != "met"
    assert after.stdout == fresh(cli, monkeypatch, *args).stdout
    profile.write_text(original)
    assert cli(*args).stdout == during.stdout


def test_a_rule_file_edited_during_a_run_is_audited_as_hashed(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = data / "rules" / "core.yaml"
    original = rules.read_text()
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    expected = fresh(cli, monkeypatch, *args).stdout
    hashed = report_cache.report_key

    def key_then_edit(request):
        key = hashed(request)
        rules.write_text(original.replace("severity: critical", "severity: low"))
        return key

    monkeypatch.setattr(report_cache, "report_key", key_then_edit)
    assert cli(*args).stdout == expected
    monkeypatch.setattr(report_cache, "report_key", hashed)
    assert cli(*args).stdout == fresh(cli, monkeypatch, *args).stdout != expected


def run_audit(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(AUDIT), *args], input=stdin, capture_output=True, env={**os.environ, **(env or {})}, timeout=60
    )


def count(folder: Path, kind: str) -> int:
    return len(list((folder / kind).rglob("*.json"))) if folder.exists() else 0


@pytest.mark.slow  # two runs of the console script in fresh interpreters
@pytest.mark.skipif(not AUDIT.exists(), reason="the audit console script is not installed beside this Python")
def test_standard_input_is_audited_and_never_cached(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "stdin-cache"
    env = {"TRAFFICKING_AUDIT_CACHE_DIR": str(folder)}
    profile = (data / "jurisdictions" / "freedonia.yaml").read_bytes()
    args = ("run", "/dev/stdin", "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    piped = run_audit(*args, stdin=profile, env=env)
    assert piped.returncode == 0, piped.stderr
    reference = run_audit(
        "run", str(data / "jurisdictions" / "freedonia.yaml"), *args[2:], env={"TRAFFICKING_AUDIT_NO_CACHE": "1"}
    )
    assert json.loads(piped.stdout)["findings"] == json.loads(reference.stdout)["findings"]
    assert count(folder, report_cache.KIND) == 0
    validated_before = count(folder, cache.KIND)
    edited = profile.replace(MET.encode(), NOT_MET.encode())
    second = run_audit(*args, stdin=edited, env=env)
    assert second.returncode == 0, second.stderr
    assert statuses(second.stdout.decode())["means-core-elements"] != "met"  # not a stale report of the first
    assert count(folder, report_cache.KIND) == 0 and count(folder, cache.KIND) == validated_before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_is_read_once_and_not_cached(data: Path, cache_dir: Path, cli, tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    content = (data / "jurisdictions" / "freedonia.yaml").read_bytes()

    def writer() -> None:  # one writer, one content: a second read would block or see nothing
        with open(fifo, "wb") as stream:
            stream.write(content)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = cli("run", str(fifo), "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    thread.join(5)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["jurisdiction"]["id"] == "freedonia"
    assert count(cache_dir, report_cache.KIND) == 0


def test_damaged_validated_profile_entries_are_never_served(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    expected = cli(*args).stdout
    entries = sorted((cache_dir / cache.KIND).rglob("*.json"))
    assert entries
    ruritania = next(e for e in entries if b'"id":"ruritania"' in e.read_bytes())
    freedonia = next(e for e in entries if b'"id":"freedonia"' in e.read_bytes())
    foreign = ruritania.read_bytes()
    for damage in (b"", b"\n{}", freedonia.read_bytes()[:-5], foreign, b"[" * 100_000):
        freedonia.write_bytes(damage)
        for report in (cache_dir / report_cache.KIND).rglob("*.json"):
            report.unlink()  # so that the profile is loaded again
        again = cli(*args)
        assert (again.exit_code, again.stdout) == (0, expected), damage[:40]
    # Well-formed entries (a header made for this very key) whose JSON is not a valid profile.
    for shaped in (b"{}", b'{"id": 3}', b"[" * 100_000, b'{"id": "freedonia", "unexpected": 1}'):
        cache.write_entry(freedonia, shaped)
        for report in (cache_dir / report_cache.KIND).rglob("*.json"):
            report.unlink()
        again = cli(*args)
        assert (again.exit_code, again.stdout) == (0, expected), shaped[:40]


def test_deleting_the_cache_folder_mid_run_does_not_fail_the_run(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    expected = fresh(cli, monkeypatch, *args).stdout
    assert cli(*args).stdout == expected  # the folder filled
    loading = loader.load_profile
    removed = []

    def load_then_delete(path: Path, *args, **kwargs):
        shutil.rmtree(cache_dir, ignore_errors=True)  # between reading one entry and the next
        removed.append(path)
        return loading(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load_profile", load_then_delete)
    for report in (cache_dir / report_cache.KIND).rglob("*.json"):
        report.unlink()
    result = cli(*args)
    assert (result.exit_code, result.stdout) == (0, expected), result.stderr
    assert removed
    monkeypatch.setattr(loader, "load_profile", loading)
    assert cli(*args).stdout == expected  # and the cache works again after it


def test_the_validated_cache_is_bounded(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = cache_dir / cache.KIND / "00"
    folder.mkdir(parents=True)
    for index in range(6):
        entry = folder / f"00{index}.json"
        entry.write_text("{}")
        os.utime(entry, ns=(index * 10**9, index * 10**9))
    monkeypatch.setattr(cache, "_pruned", set())
    prune_once(cache.KIND, 3)
    assert sorted(p.name for p in folder.iterdir()) == ["003.json", "004.json", "005.json"]
    (folder / "009.json").write_text("{}")
    prune_once(cache.KIND, 3)  # once per run: the second call lists nothing
    assert len(list(folder.iterdir())) == 4
