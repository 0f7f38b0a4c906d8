"""The cache of finished reports: a hit serves exactly what a fresh run writes, without loading
anything; every input of a report is part of its key; a damaged entry, a failed run, terminal
output and ``TRAFFICKING_AUDIT_NO_CACHE`` are handled as the module says."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trafficking_audit.app import report_cache
from trafficking_audit.app.report_cache import ReportRequest, report_key
from trafficking_audit.app.session import Session
from trafficking_audit.load.cache import prune, write_entry
from trafficking_audit.load.data import locate


def entries(folder: Path) -> list[Path]:
    return sorted((folder / report_cache.KIND).rglob("*.json")) if folder.exists() else []


def fresh(cli, monkeypatch: pytest.MonkeyPatch, *args: str):
    """A run with the caches off."""
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        return cli(*args)


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any loading of data fail: what runs after this must be served from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the data was loaded: not served from the cache")

    monkeypatch.setattr(Session, "at", refuse)


@pytest.mark.parametrize("fmt", report_cache.CACHED_FORMATS)
def test_a_hit_serves_what_a_fresh_run_writes_without_loading_anything(
    fmt: str, data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", fmt, "--as-of", "2025-06-30")
    first = cli(*args)
    assert first.exit_code == 0, first.stderr
    assert len(entries(cache_dir)) == 1
    expected = fresh(cli, monkeypatch, *args).stdout
    no_loading(monkeypatch)
    second = cli(*args)
    assert second.exit_code == 0, second.stderr
    assert first.stdout == second.stdout == expected


def test_a_hit_writes_the_output_file_too(data: Path, cache_dir: Path, cli, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "report.html"
    assert cli("run", "freedonia", "--data", str(data), "--output", str(target)).exit_code == 0
    written = target.read_bytes()
    target.unlink()
    no_loading(monkeypatch)
    assert cli("run", "freedonia", "--data", str(data), "--output", str(target)).exit_code == 0
    assert target.read_bytes() == written


def test_an_edited_profile_is_audited_afresh(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--as-of", "2025-06-30")
    before = json.loads(cli(*args).stdout)
    assert {f["rule"]: f["status"] for f in before["findings"]}["means-core-elements"] == "met"
    profile = data / "jurisdictions" / "freedonia.yaml"
    text = profile.read_text()
    profile.write_text(text.replace("means_role: {value: constituent", "means_role: {value: not_covered"))
    after = cli(*args)
    assert after.exit_code == 0, after.stderr
    assert {f["rule"]: f["status"] for f in json.loads(after.stdout)["findings"]}["means-core-elements"] != "met"
    assert after.stdout == fresh(cli, monkeypatch, *args).stdout
    assert len(entries(cache_dir)) == 2


def base_request(data: Path, **changes) -> ReportRequest:
    fields = {
        "location": locate(data),
        "jurisdiction": "freedonia",
        "as_of": "2025-06-30",
        "fmt": "json",
        "standards": (),
        "rules": (),
        "skipped": (),
        **changes,
    }
    return ReportRequest(**fields)


def test_every_input_of_a_report_is_in_its_key(data: Path, tmp_path: Path, monkeypatch) -> None:
    keys = {"base": report_key(base_request(data))}
    assert report_key(base_request(data)) == keys["base"]  # the same inputs, the same key

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))

    for name, changes in {
        "as_of": {"as_of": "2025-07-01"},
        "format": {"fmt": "md"},
        "standard": {"standards": ("cets-197",)},
        "rule": {"rules": ("eu-only",)},
        "skipped": {"skipped": ("eu-only",)},
        "argument": {"jurisdiction": "FR"},
    }.items():
        keys[name] = report_key(base_request(data, **changes))

    edit(data / "jurisdictions" / "freedonia.yaml", "Art. 160", "Art. 161")
    keys["the profile"] = report_key(base_request(data))
    edit(data / "jurisdictions" / "ruritania.yaml", "name: Ruritania", "name: Ruritania Major")
    keys["a peer"] = report_key(base_request(data))
    (data / "jurisdictions" / "zembla.yaml").write_text((data / "jurisdictions" / "ruritania.yaml").read_text())
    keys["a new peer"] = report_key(base_request(data))
    edit(data / "rules" / "core.yaml", "id:", "id:")  # the same bytes: not a change
    assert report_key(base_request(data)) == keys["a new peer"]
    with (data / "rules" / "core.yaml").open("a") as stream:
        stream.write("\n# a comment\n")
    keys["a rule file"] = report_key(base_request(data))
    (data / "rules" / "notes.txt").write_text("a file the loader may read")
    keys["a new file in rules/"] = report_key(base_request(data))

    outside = tmp_path / "mine.yaml"
    outside.write_text((data / "jurisdictions" / "freedonia.yaml").read_text())
    keys["a path argument"] = report_key(base_request(data, jurisdiction=str(outside)))
    outside.write_text(outside.read_text() + "\n")
    keys["the file named by a path argument"] = report_key(base_request(data, jurisdiction=str(outside)))

    monkeypatch.chdir(tmp_path)
    keys["the working directory"] = report_key(base_request(data))

    report_cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(report_cache, "_library_version", lambda module, distribution: f"{module}-99.0")
    keys["a library version"] = report_key(base_request(data))
    report_cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(report_cache, "code_fingerprint", lambda: "other code")
    keys["the code"] = report_key(base_request(data))

    assert len(set(keys.values())) == len(keys), keys


def test_the_code_fingerprint_covers_every_package_file_and_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "pkg"
    (package / "engine").mkdir(parents=True)
    (package / "render" / "templates").mkdir(parents=True)
    (package / "data" / "jurisdictions").mkdir(parents=True)
    (package / "engine" / "__pycache__").mkdir()
    (package / "__init__.py").write_text("")
    (package / "engine" / "audit.py").write_text("x = 1\n")
    (package / "render" / "templates" / "report.md.j2").write_text("{{ x }}\n")
    (package / "data" / "jurisdictions" / "a.yaml").write_text("id: a\n")
    (package / "engine" / "__pycache__" / "audit.pyc").write_bytes(b"bytecode")
    monkeypatch.setattr(report_cache, "PACKAGE_DIR", package)
    assert report_cache._package_files() == ["__init__.py", "engine/audit.py", "render/templates/report.md.j2"]

    def fingerprint() -> str:
        report_cache.code_fingerprint.cache_clear()
        return report_cache.code_fingerprint()

    first = fingerprint()
    (package / "data" / "jurisdictions" / "a.yaml").write_text("id: b\n")  # data is an input, hashed as one
    (package / "engine" / "__pycache__" / "audit.pyc").write_bytes(b"other bytecode")
    assert fingerprint() == first
    (package / "render" / "templates" / "report.md.j2").write_text("{{ y }}\n")
    second = fingerprint()
    assert second != first
    (package / "engine" / "audit.py").rename(package / "engine" / "audits.py")
    assert fingerprint() not in (first, second)
    report_cache.code_fingerprint.cache_clear()


def body(entry: Path) -> bytes:
    """An entry's content after its header line (format, kind, key, digest)."""
    return entry.read_bytes().partition(b"\n")[2]


def test_a_damaged_entry_is_made_again_and_replaced(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--fail-on", "low")
    first = cli(*args)
    expected = first.stdout
    (entry,) = entries(cache_dir)
    intact = entry.read_bytes()
    assert json.loads(body(entry))["text"] == expected
    other = cli("run", "ruritania", "--data", str(data), "--format", "json")
    foreign = next(e for e in entries(cache_dir) if e != entry).read_bytes()
    flipped = bytearray(intact)
    flipped[-40] ^= 0x01  # one bit of the report's text
    raw = (b"", b"{not json", b"[1, 2]", intact[:-10], bytes(flipped), foreign, intact.partition(b"\n")[2])
    # Entries with an intact header (as write_entry makes them) whose content is not a report store writes.
    shaped = (
        b'{"text": 3, "findings": [], "warnings": []}',
        b'{"findings": []}',
        json.dumps({"text": "x", "findings": [["met", "urgent"]], "warnings": []}).encode(),
        json.dumps({"text": "x", "findings": [["won", "high"]], "warnings": []}).encode(),
        json.dumps({"text": "x", "findings": [["met"]], "warnings": []}).encode(),
        json.dumps({"text": "x", "findings": [], "warnings": [1]}).encode(),
        b"[" * 200_000 + b"]" * 200_000,
    )
    for damage in (*raw, *shaped):
        if damage in shaped:
            write_entry(entry, damage)
        else:
            entry.write_bytes(damage)
        again = cli(*args)
        assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, expected, first.stderr), damage[:60]
        assert entry.read_bytes() == intact  # remade and replaced
    assert other.exit_code == 0


def test_fail_on_gives_the_same_verdict_from_the_cache(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json", "--fail-on", "low")
    first = cli(*args)
    assert first.exit_code == 1 and "1 finding(s) at or above low" in first.stderr
    no_loading(monkeypatch)
    second = cli(*args)
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert cli("run", "freedonia", "--data", str(data), "--format", "json", "--fail-on", "critical").exit_code == 0


def test_what_is_not_cached(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    assert cli("run", "freedonia", "--data", str(data)).exit_code == 0  # terminal output depends on the terminal
    assert cli("run", "freedonia", "--data", str(data), "--format", "json", "--rule", "no-such-rule").exit_code == 2
    assert cli("run", "nowhere", "--data", str(data), "--format", "json").exit_code == 2
    assert entries(cache_dir) == []
    before = sorted(cache_dir.rglob("*"))  # the validated profiles of the runs above
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    assert cli("run", "freedonia", "--data", str(data), "--format", "json").exit_code == 0
    assert sorted(cache_dir.rglob("*")) == before


def test_prune_keeps_the_most_recently_used_entries(cache_dir: Path) -> None:
    folder = cache_dir / report_cache.KIND / "ab"
    folder.mkdir(parents=True)
    for age in range(5):  # ab0.json the most recently used, ab4.json the least
        entry = folder / f"ab{age}.json"
        entry.write_text("{}")
        os.utime(entry, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    prune(report_cache.KIND, 2)
    assert [p.name for p in entries(cache_dir)] == ["ab0.json", "ab1.json"]


def test_a_hit_marks_its_entry_used_and_storing_keeps_the_cache_bounded(
    data: Path, cache_dir: Path, cli, monkeypatch
) -> None:
    args = ("run", "freedonia", "--data", str(data), "--format", "json")
    assert cli(*args, "--as-of", "2025-01-01").exit_code == 0
    (entry,) = entries(cache_dir)
    os.utime(entry, ns=(10**9, 10**9))
    assert cli(*args, "--as-of", "2025-01-01").exit_code == 0
    assert entry.stat().st_mtime_ns > 10**9
    monkeypatch.setattr(report_cache, "KEEP", 2)
    for day in ("2025-02-01", "2025-03-01", "2025-04-01"):
        assert cli(*args, "--as-of", day).exit_code == 0
    assert len(entries(cache_dir)) == 2
