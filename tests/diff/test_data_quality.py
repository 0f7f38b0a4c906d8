"""A diff says, for each side, what its evidence rests on and what `audit check` warns about its profile,
as each side's own report does."""

from __future__ import annotations

import json

DAY = "2026-11-28"


def test_each_side_carries_its_reports_data_quality(cli) -> None:
    diff = json.loads(cli("diff", "kazakhstan", "kyrgyzstan", "--as-of", DAY, "--format", "json").stdout)
    for side, name in (("left", "kazakhstan"), ("right", "kyrgyzstan")):
        run = json.loads(cli("run", name, "--as-of", DAY, "--format", "json").stdout)
        assert diff[side]["evidence_basis"] == run["evidence_basis"] != {}
        assert diff[side]["data_quality"] == run["data_quality"] is not None


def test_markdown_html_and_terminal_have_a_data_quality_section(cli) -> None:
    md = cli("diff", "kz@2022-12-31", "kz", "--format", "md").stdout
    section = md.split("## Data quality", 1)[1].split("\n## ", 1)[0]
    assert "Kazakhstan (2022-12-31): The findings rest on" in section
    assert section.count("The profile:") == 1  # one profile on both sides: its warnings once
    html = cli("diff", "kz", "us", "--format", "html").stdout
    assert '<h2 id="data-quality">Data quality</h2>' in html
    assert "United States" in html.split('id="data-quality"', 1)[1].split("</section>", 1)[0]
    terminal = cli("diff", "kz", "us").stdout
    assert "Data quality" in terminal and "The findings rest on" in terminal
