"""Compiled templates kept on disk (load/template_cache.py): served only for the same source and code,
never when damaged, compiled again after an edit, not kept with the caches off; recommendation templates
from disk skip parsing but not the whitelist's verdict (a refused one is never stored)."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from trafficking_audit.engine import rule_template
from trafficking_audit.load import template_cache
from trafficking_audit.load.cache import write_entry


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / template_cache.KIND).rglob("*.json"))


class Compiles:
    """Counts the compilations of an environment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        compile_ = Environment.compile

        def counted(env: Environment, *args, **kwargs):
            self.count += 1
            return compile_(env, *args, **kwargs)

        monkeypatch.setattr(Environment, "compile", counted)


def render(folder: Path, page: str = "page.j2", salt: str = "test", **context: object) -> str:
    """Render with a fresh environment (nothing compiled in memory), its bytecode cache on disk."""
    env = Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=template_cache.bytecode_cache(salt))
    return env.get_template(page).render(**context)


def test_a_file_template_is_compiled_once_and_an_edit_is_compiled_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("Hello {{ name }}!")
    compiles = Compiles(monkeypatch)
    assert render(folder, name="A") == "Hello A!"
    assert (compiles.count, len(entries(cache_dir))) == (1, 1)
    assert render(folder, name="B") == "Hello B!"  # a new environment: the code comes from disk
    assert compiles.count == 1
    (folder / "page.j2").write_text("Goodbye {{ name }}.")
    assert render(folder, name="A") == "Goodbye A."  # never the old template
    assert (compiles.count, len(entries(cache_dir))) == (2, 2)
    assert render(folder, name="A", salt="other options") == "Goodbye A."  # other environment code: its own entry
    assert (compiles.count, len(entries(cache_dir))) == (3, 3)


@pytest.mark.parametrize("body", [b"", b"not marshal data", marshal.dumps(42), marshal.dumps("code")[:-1]])
def test_a_damaged_entry_is_compiled_again_and_replaced(
    body: bytes, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("{{ 6 * 7 }}")
    assert render(folder) == "42"
    [entry] = entries(cache_dir)
    write_entry(entry, body)  # a well-formed header for this very key, a body that is no code object
    compiles = Compiles(monkeypatch)
    assert render(folder) == "42"
    assert compiles.count == 1
    assert render(folder) == "42"  # replaced by a good entry
    assert compiles.count == 1
    entry.write_bytes(entry.read_bytes()[:-3])  # truncated: its digest no longer matches
    assert render(folder) == "42"
    assert compiles.count == 2


def test_nothing_is_kept_with_the_caches_off(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("{{ 1 + 1 }}")
    compiles = Compiles(monkeypatch)
    assert render(folder) == render(folder) == "2"
    assert compiles.count == 2
    assert not cache_dir.exists() or not entries(cache_dir)


def test_a_recommendation_template_from_disk_is_not_parsed_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "Amend {{ provision }} to cover {{ missing_elements | join(', ') }}."
    context = {"jurisdiction": "R", "provision": "Art. 1", "missing": [], "missing_elements": ["slavery", "servitude"]}
    rule_template._compiled.cache_clear()
    expected = rule_template.render(source, context)
    assert expected == "Amend Art. 1 to cover slavery, servitude."
    assert len(entries(cache_dir)) == 1
    rule_template._compiled.cache_clear()  # a new process: nothing compiled in memory

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed although compiled before")

    with monkeypatch.context() as patch:
        patch.setattr(rule_template._ENV, "parse", no_parse)
        assert rule_template.render(source, context) == expected
    rule_template._compiled.cache_clear()


def test_a_refused_recommendation_template_is_never_stored(cache_dir: Path) -> None:
    rule_template._compiled.cache_clear()
    for refused in ("{{ range(10) }}", "{% for x in missing %}{% for y in missing %}{% endfor %}{% endfor %}", "{{"):
        with pytest.raises(rule_template.TemplateProblem):
            rule_template.check_syntax(refused)
    assert not entries(cache_dir)
