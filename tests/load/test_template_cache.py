"""Compiled templates kept on disk (load/template_cache.py): served only for the same source and code,
never when damaged, compiled again after an edit, not kept with the caches off; recommendation templates
from disk skip parsing but not the whitelist's verdict (a refused one is never stored); rendered
recommendation texts served only for the same templates and contexts, never after a failure."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from trafficking_audit.engine import recommend, rule_template
from trafficking_audit.errors import InputError
from trafficking_audit.load import template_cache
from trafficking_audit.load.cache import write_entry
from trafficking_audit.models.rule import Rule


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


def a_rule(template: str) -> Rule:
    """A valid rule with this recommendation template (the hardening tests' own)."""
    from tests.hardening.test_templates import _rule

    return _rule(template)


def test_rendered_recommendations_are_served_for_the_same_templates_and_contexts_only(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = a_rule("Amend {{ provision }} for {{ jurisdiction }}.")
    jobs = [
        (rule, recommend.template_context("Ruritania", "Art. 1", [])),
        (rule, recommend.template_context("R", "", [])),
    ]
    expected = ["Amend Art. 1 for Ruritania.", "Amend for R."]
    assert recommend.render_templates(jobs) == expected
    renders = []
    real = rule_template.render
    monkeypatch.setattr(rule_template, "render", lambda *a: renders.append(a) or real(*a))
    assert recommend.render_templates(jobs) == expected  # from the cache: nothing rendered
    assert renders == []
    other = [(rule, recommend.template_context("Ruritania", "Art. 2", []))]
    assert recommend.render_templates(other) == ["Amend Art. 2 for Ruritania."]  # another context: rendered
    assert len(renders) == 1
    edited = a_rule("Repeal {{ provision }}.")
    assert recommend.render_templates([(edited, jobs[0][1])]) == ["Repeal Art. 1."]  # another template: rendered
    assert len(renders) == 2


@pytest.mark.parametrize("body", [b"[]", b'["one"]', b'["one", 2]', b"{}", b"not json", b"[" * 100_000])
def test_a_damaged_rendered_entry_is_rendered_again(
    body: bytes, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = a_rule("Amend {{ provision }}.")
    jobs = [
        (rule, recommend.template_context("R", "Art. 1", [])),
        (rule, recommend.template_context("R", "Art. 2", [])),
    ]
    assert recommend.render_templates(jobs) == ["Amend Art. 1.", "Amend Art. 2."]
    [entry] = sorted((cache_dir / template_cache.RENDERED).rglob("*.json"))
    write_entry(entry, body)
    assert recommend.render_templates(jobs) == ["Amend Art. 1.", "Amend Art. 2."]
    assert template_cache.fetch_rendered(entry.stem, 2) == ["Amend Art. 1.", "Amend Art. 2."]  # replaced


def test_a_failed_render_is_never_stored(cache_dir: Path) -> None:
    rule = a_rule("{{ missing | first }}")  # `first` of an empty list is undefined: a failure at render time
    with pytest.raises(InputError, match="recommendation template failed"):
        recommend.render_templates([(rule, recommend.template_context("R", "", []))])
    assert not list((cache_dir / template_cache.RENDERED).rglob("*.json"))
