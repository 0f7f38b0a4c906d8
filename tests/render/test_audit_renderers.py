"""Every audit format against its golden file, plus the safety properties of HTML and Markdown.

Regenerate the golden files with ``REGENERATE_GOLDEN=1 pytest tests/render`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.golden_files import assert_golden
from trafficking_audit.app.session import Session
from trafficking_audit.models.language import Language
from trafficking_audit.render import FORMATS, render

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
EXTENSION = {"terminal": "txt", "md": "md", "html": "html", "json": "json"}


@pytest.fixture(scope="module")
def audits():
    session = Session.open(DATA)
    rules = session.rulebook.rules
    day = dt.date(2025, 1, 1)
    return {p.profile.id: session.audit(p, rules, day) for p in session.profiles.all()}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("jurisdiction", ["ruritania", "freedonia"])
def test_golden(audits, fmt: str, jurisdiction: str) -> None:
    output = render(fmt, audits[jurisdiction], color=False, width=100)
    assert_golden(f"audit-{jurisdiction}.{EXTENSION[fmt]}", output)
    assert output == render(fmt, audits[jurisdiction], color=False, width=100)  # deterministic


@pytest.fixture(scope="module")
def russian_audits():
    russian = Language("ru")
    session = Session.open(DATA, lang=russian)
    day = dt.date(2025, 1, 1)
    return {p.profile.id: session.audit(p, session.rulebook.rules, day) for p in session.profiles.all()}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("jurisdiction", ["ruritania", "freedonia"])
def test_golden_in_russian(russian_audits, fmt: str, jurisdiction: str) -> None:
    """The same audits in Russian (the fixture rulebook's texts from its rules/translations/ru.yaml),
    beside the English golden files."""
    output = render(fmt, russian_audits[jurisdiction], color=False, width=100, lang=Language("ru"))
    assert_golden(f"audit-{jurisdiction}.ru.{EXTENSION[fmt]}", output)


def test_json_contract(audits) -> None:
    data = json.loads(render("json", audits["ruritania"]))
    assert {"jurisdiction", "as_of", "rulebook_version", "scores", "findings"} <= set(data)
    for item in data["findings"]:
        assert {"rule", "status", "pillar", "severity", "obligation", "evidence", "missing", "recommendation"} <= set(
            item
        )
    assert data["rulebook_version"] == "test-1"


def test_html_is_self_contained_and_escaped(audits) -> None:
    html = render("html", audits["ruritania"])
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html.replace('href="https://example.org/code"', ""))
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert "<script>alert" not in html and '"><script>' not in html  # a hostile URL, inert
    assert "&lt;script&gt;" in html  # the note's markup is shown, inert
    assert "{{ 7*7 }}" in html and "49" not in html.split("<body>")[1].split("Sources")[0].replace("2049", "")


def test_markdown_is_inert(audits) -> None:
    md = render("md", audits["ruritania"])
    assert "<script>" not in md and "<script>alert" not in md
    assert "A &lt;b&gt;bold&lt;/b&gt; \\| piped title" in md


def test_terminal_has_no_colour_codes_when_plain(audits) -> None:
    assert "\x1b[" not in render("terminal", audits["ruritania"], color=False)
    assert "\x1b[" in render("terminal", audits["ruritania"], color=True)


def test_markup_in_a_profile_name_is_escaped(tmp_path: Path, cli) -> None:
    text = (
        (DATA / "jurisdictions" / "freedonia.yaml")
        .read_text()
        .replace("name: Freedonia", 'name: "<script>alert(1)</script>"')
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text)
    result = cli("run", str(path), "--data", str(DATA), "--format", "html", "--as-of", "2025-01-01")
    assert result.exit_code == 0
    assert "<script>alert(1)</script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_overview_escapes_attributes(tmp_path: Path, cli) -> None:
    data = tmp_path / "data"
    import shutil

    shutil.copytree(DATA, data)
    profile = data / "jurisdictions" / "freedonia.yaml"
    profile.write_text(profile.read_text().replace("name: Freedonia", "name: 'Free\" onmouseover=\"alert(1)'"))
    out = tmp_path / "out"
    assert cli("run", "--all", "--data", str(data), "--output-dir", str(out), "--as-of", "2025-01-01").exit_code == 0
    html = (out / "index.html").read_text()
    assert 'onmouseover="alert(1)' not in html
    assert "Free&#34; onmouseover=&#34;alert(1)" in html
    assert "<script" not in html
