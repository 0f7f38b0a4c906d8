"""Every diff format against its golden file, plus determinism and the safety of HTML and Markdown.

The fixture profiles and rules under ``tests/fixtures/diff/`` are the tests' own, so these
files change only when the renderers do. Regenerate with
``REGENERATE_GOLDEN=1 pytest tests/diff`` and review the diff.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.diff.sample import AFTER, BEFORE, diff, profile
from tests.golden_files import assert_golden
from trafficking_audit.models.diff import Diff
from trafficking_audit.render import FORMATS, render

EXTENSION = {"terminal": "txt", "md": "md", "html": "html", "json": "json"}


def cases() -> dict[str, Diff]:
    alpha, beta = profile("alpha"), profile("beta")
    return {
        "over-time": diff((alpha, BEFORE), (alpha, AFTER)),
        "two-jurisdictions": diff((alpha, BEFORE), (beta, BEFORE)),
        "changed-only": diff((beta, AFTER), (alpha, AFTER), changed_only=True),
        "no-difference": diff((beta, BEFORE), (beta, AFTER)),
    }


@pytest.fixture(scope="module")
def diffs() -> dict[str, Diff]:
    return cases()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(cases()))
def test_golden(diffs: dict[str, Diff], fmt: str, case: str) -> None:
    output = render(fmt, diffs[case], kind="diff", color=False, width=100)
    assert_golden(f"diff-{case}.{EXTENSION[fmt]}", output)
    assert output == render(fmt, cases()[case], kind="diff", color=False, width=100)  # deterministic


def test_json_contract(diffs: dict[str, Diff]) -> None:
    data = json.loads(render("json", diffs["over-time"], kind="diff"))
    for side, day in (("left", "2022-12-31"), ("right", "2025-06-30")):
        assert data[side]["id"] == "alpha" and data[side]["name"] == "Alphaland" and data[side]["as_of"] == day
    assert [r["rule"] for r in data["rules"]] == [
        "offence-defined",
        "means-elements",
        "referral",
        "shelters",
        "hotline",
        "eu-cooperation",
        "coordinator",
    ]  # rulebook order
    assert {"rule", "left", "right", "change"} <= set(data["rules"][0])
    assert data["rules"][1]["left"] == "not_met" and data["rules"][1]["right"] == "met"
    assert data.pop("lang") == "en"  # the language of its texts, which the model does not carry
    assert Diff.model_validate(data) == diffs["over-time"]  # the JSON is the model, losslessly


def test_colour_only_when_asked(diffs: dict[str, Diff]) -> None:
    plain = render("terminal", diffs["over-time"], kind="diff", color=False)
    coloured = render("terminal", diffs["over-time"], kind="diff", color=True)
    assert "\x1b[" not in plain and "\x1b[" in coloured


def test_html_is_self_contained_and_escaped(diffs: dict[str, Diff]) -> None:
    html = render("html", diffs["over-time"], kind="diff")
    external = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"' >]*""", html)
    assert all(link.split("//", 1)[1].startswith("example.org/") for link in external), external
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert "<script>alert" not in html and '"><script>' not in html  # a hostile URL, inert
    assert "The &lt;em&gt;hotline&lt;/em&gt; | a report" in html
    assert "Closed for lack of funds &lt;b&gt;2024&lt;/b&gt;." in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert all(target in ids for target in re.findall(r'href="#([^"]+)"', html))


def test_markdown_is_inert(diffs: dict[str, Diff]) -> None:
    md = render("md", diffs["over-time"], kind="diff")
    assert "<em>" not in md and "<b>" not in md and "<script>alert" not in md
    assert "The &lt;em&gt;hotline&lt;/em&gt; \\| a report" in md
