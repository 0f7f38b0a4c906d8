"""`audit run --all` keeps each profile's overview row (trafficking_audit.app.row_cache): a warm batch gives the
overview a run with the caches off gives, evaluates no unchanged profile, and any edit of what a row depends on
(a rule file, the profile, the date, the language) gives the fresh overview, never a kept row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trafficking_audit.app import row_cache
from trafficking_audit.cli import overview
from trafficking_audit.load.cache import entry_file

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "data"
ARGS = ("--as-of", "2022-06-30")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data, free to edit."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the profiles the batch evaluated (not served from the row cache), in order."""
    seen: list[str] = []
    real = overview.findings_for

    def counting(profile, *args, **kwargs):
        seen.append(profile.id)
        return real(profile, *args, **kwargs)

    monkeypatch.setattr(overview, "findings_for", counting)
    return seen


def fresh(cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        result = cli(*args)
    return result.exit_code, result.stdout, result.stderr


def run(cli, *args: str) -> tuple[int, str, str]:
    result = cli(*args)
    return result.exit_code, result.stdout, result.stderr


def rows_kept(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / row_cache.KIND).glob("*/*.json"))


@pytest.mark.parametrize("fmt", ["json", "md", "html", "terminal"])
def test_a_warm_batch_gives_the_fresh_overview_without_evaluating(
    fmt: str, data: Path, cache_dir: Path, cli, monkeypatch, evaluated
) -> None:
    args = ("run", "--all", "--data", str(data), "--format", fmt, *ARGS)
    first = run(cli, *args)
    assert first[0] == 0, first[2]
    assert evaluated == ["freedonia", "ruritania"] and len(rows_kept(cache_dir)) == 2
    evaluated.clear()
    assert run(cli, *args) == first  # served: the same bytes, the same warnings
    assert evaluated == []
    assert first == fresh(cli, monkeypatch, *args)


def test_the_sparkline_rows_are_kept_apart_from_the_plain_ones(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    """The Markdown overview draws the score history, the JSON one does not: their rows are different entries."""
    for fmt in ("json", "md", "json", "md"):
        args = ("run", "--all", "--data", str(data), "--format", fmt, *ARGS)
        assert run(cli, *args) == fresh(cli, monkeypatch, *args)
    assert len(rows_kept(cache_dir)) == 4


EDITS = {
    "a rule file": ("rules/core.yaml", "severity: critical", "severity: low"),
    "a profile": ("jurisdictions/ruritania.yaml", "Criminal Code Art. 128", "Criminal Code Art. 127"),
}


@pytest.mark.parametrize("what", EDITS)
def test_an_edit_gives_the_fresh_overview(what: str, data: Path, cache_dir: Path, cli, monkeypatch, evaluated) -> None:
    args = ("run", "--all", "--data", str(data), "--format", "json", *ARGS)
    before = run(cli, *args)
    assert before[0] == 0, before[2]
    file, old, new = EDITS[what]
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    evaluated.clear()
    after = run(cli, *args)
    # A rule file's edit changes every row's key; a profile's edit only its own.
    assert evaluated == (["freedonia", "ruritania"] if what == "a rule file" else ["ruritania"])
    assert after == fresh(cli, monkeypatch, *args)
    if what == "a rule file":
        assert after != before


def test_another_date_or_language_is_another_row(data: Path, cache_dir: Path, cli, monkeypatch, evaluated) -> None:
    base = ("run", "--all", "--data", str(data), "--format", "json")
    for extra in (ARGS, ("--as-of", "2015-01-01"), (*ARGS, "--lang", "ru")):
        evaluated.clear()
        served = run(cli, *base, *extra)
        assert evaluated == ["freedonia", "ruritania"]  # none of the rows kept before is served
        assert served == fresh(cli, monkeypatch, *base, *extra)
    assert len(rows_kept(cache_dir)) == 6


def test_a_damaged_or_foreign_entry_is_remade(data: Path, cache_dir: Path, cli, monkeypatch, evaluated) -> None:
    args = ("run", "--all", "--data", str(data), "--format", "json", *ARGS)
    first = run(cli, *args)
    kept = rows_kept(cache_dir)
    assert len(kept) == 2
    kept[0].write_bytes(kept[0].read_bytes()[:-20])  # truncated: its digest no longer matches
    # The other holds another profile's row under its own, intact header: refused by the id it names.
    other = kept[1].read_bytes().split(b"\n", 1)[1]
    body = other.replace(b'"id":"freedonia"', b'"id":"elsewhere"').replace(b'"id":"ruritania"', b'"id":"elsewhere"')
    assert body != other
    from trafficking_audit.load.cache import write_entry

    write_entry(kept[1], body)
    evaluated.clear()
    assert run(cli, *args) == first
    assert sorted(evaluated) == ["freedonia", "ruritania"]
    evaluated.clear()
    assert run(cli, *args) == first and evaluated == []  # both remade and served again


def test_the_cache_folder_deleted_mid_run_does_not_fail_it(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    args = ("run", "--all", "--data", str(data), "--format", "json", *ARGS)
    first = run(cli, *args)
    real = row_cache.fetch

    def deleting(path, profile_id):
        shutil.rmtree(cache_dir, ignore_errors=True)
        return real(path, profile_id)

    monkeypatch.setattr(row_cache, "fetch", deleting)
    assert run(cli, *args) == first
    monkeypatch.setattr(row_cache, "fetch", real)
    assert run(cli, *args) == first


def test_no_row_is_kept_with_the_cache_off(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    assert run(cli, "run", "--all", "--data", str(data), "--format", "json", *ARGS)[0] == 0
    assert rows_kept(cache_dir) == []
    assert row_cache.batch_key([], {}, {}, __import__("datetime").date(2022, 6, 30), "en", False) is None
    assert entry_file(row_cache.KIND, "00" * 32) is None


def test_an_operator_the_rules_json_does_not_show_is_another_row(data: Path, cache_dir: Path, cli, monkeypatch) -> None:
    """``is: null`` and ``is_not: null`` dump to the same JSON of the rule: the key hashes the rule file's text."""
    core = data / "rules" / "core.yaml"
    gte = "met: {fact: protection.reflection_period_days, gte: 30}"
    text = core.read_text(encoding="utf-8")
    assert gte in text
    args = ("run", "--all", "--data", str(data), "--format", "json", *ARGS)
    outputs = []
    for operator in ("is", "is_not"):
        core.write_text(text.replace(gte, f"met: {{fact: protection.reflection_period_days, {operator}: null}}"))
        served = run(cli, *args)
        assert served == fresh(cli, monkeypatch, *args)
        outputs.append(served)
    assert outputs[0] != outputs[1]
