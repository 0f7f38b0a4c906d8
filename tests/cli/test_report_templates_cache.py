"""Report templates compiled from the disk cache give the bytes a run with the caches off writes; editing a
report template changes the report; deleting the cache folder while templates are being loaded fails nothing.

Each run here first forgets what the process compiled (the environments and recommendation templates kept
in memory), as a new process would, so the compiled code really comes from the cache folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trafficking_audit.app import report_cache
from trafficking_audit.engine import rule_template
from trafficking_audit.load import template_cache
from trafficking_audit.load.cache import cache_dir as cache_folder
from trafficking_audit.render import jinja

ARGS = ("--format", "md", "--as-of", "2025-06-30")


@pytest.fixture(autouse=True)
def forget_compiled():
    """No environment compiled by another test (or pointing at another template folder) outlives a test."""
    jinja.environment.cache_clear()
    rule_template._compiled.cache_clear()
    yield
    jinja.environment.cache_clear()
    rule_template._compiled.cache_clear()


def run(cli, *args: str) -> str:
    """``audit ARGS`` as a new process would run it: nothing compiled in memory, no finished report kept."""
    jinja.environment.cache_clear()
    rule_template._compiled.cache_clear()
    folder = Path(cache_folder() or "/nonexistent") / report_cache.KIND
    shutil.rmtree(folder, ignore_errors=True)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def fresh(cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        return run(cli, *args)


def test_reports_from_cached_templates_are_the_reports_made_afresh(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for fmt in ("md", "html"):
        args = ("run", "freedonia", "--data", str(data), "--format", fmt, "--as-of", "2025-06-30")
        expected = fresh(cli, monkeypatch, *args)
        assert run(cli, *args) == expected  # compiled and stored
        stored = len(list((cache_dir / template_cache.KIND).rglob("*.json")))
        assert stored > 0
        assert run(cli, *args) == expected  # loaded from the folder
        assert len(list((cache_dir / template_cache.KIND).rglob("*.json"))) == stored


def test_editing_a_report_template_changes_the_report(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    templates = Path(shutil.copytree(jinja.TEMPLATES, tmp_path / "templates"))
    monkeypatch.setattr(jinja, "TEMPLATES", templates)
    args = ("run", "freedonia", "--data", str(data), *ARGS)
    before = run(cli, *args)
    assert run(cli, *args) == before  # warm
    page = templates / "audit.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "Edited footer.\n", encoding="utf-8")
    after = run(cli, *args)
    assert after == before + "Edited footer.\n"
    assert after == fresh(cli, monkeypatch, *args)


def test_deleting_the_cache_folder_while_templates_load_does_not_fail_the_run(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("run", "freedonia", "--data", str(data), *ARGS)
    expected = fresh(cli, monkeypatch, *args)
    assert run(cli, *args) == expected  # the folder filled
    fetch = template_cache.fetch_code
    deleted = []

    def delete_then_fetch(key):
        shutil.rmtree(cache_dir, ignore_errors=True)  # between one template and the next
        deleted.append(key)
        return fetch(key)

    monkeypatch.setattr(template_cache, "fetch_code", delete_then_fetch)
    assert run(cli, *args) == expected
    assert deleted
    monkeypatch.setattr(template_cache, "fetch_code", fetch)
    assert run(cli, *args) == expected  # and the cache works again after it
    assert list((cache_dir / template_cache.KIND).rglob("*.json"))
