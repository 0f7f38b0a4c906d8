"""Renderers of check reports: golden files for every format in CHECK_FORMATS and the step summary,
plus the escaping rules of GitHub workflow commands and the shape SARIF viewers need."""

from __future__ import annotations

import json

import pytest

from tests.golden_files import assert_golden
from trafficking_audit.models.check import CODES, CheckReport, FactEdit, FindingChange, Problem
from trafficking_audit.models.result_base import SourceRef
from trafficking_audit.render.check import CHECK_FORMATS, render_check, render_github, render_summary
from trafficking_audit.render.sarif import artifact

EXTENSIONS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt"}


def report(fail_on_regression: bool = False) -> CheckReport:
    """A report with an error, a warning, a regression and an improvement; text with characters to escape."""
    return CheckReport(
        files=3,
        problems=[
            Problem(
                path="jurisdictions/ruritania.yaml",
                line=12,
                col=41,
                level="error",
                message="source 'kode' is not defined in `sources` (did you mean 'code'?)",
                code="unknown-source",
            ),
            Problem(
                path="jurisdictions/ruritania.yaml",
                line=30,
                col=5,
                level="warning",
                message="offence.freezing: value 100% | false,\nsecond line",
                code="unsourced-fact",
            ),
        ],
        base="origin/main",
        as_of="2025-06-30",
        changes=[
            FindingChange(
                path="jurisdictions/ruritania.yaml",
                line=18,
                col=5,
                jurisdiction="ruritania",
                rule="ratification-core",
                title="Party to UNTOC and the Palermo Protocol",
                severity="critical",
                before="met",
                after="partially_met",
                regression=True,
                facts=[
                    FactEdit(
                        fact="treaties.palermo-protocol.status",
                        before="party",
                        after="signed_only",
                        sources=[SourceRef(id="record", title="Treaty record", kind="treaty_record")],
                    )
                ],
            ),
            FindingChange(
                path="jurisdictions/ruritania.yaml",
                line=40,
                col=3,
                jurisdiction="ruritania",
                rule="offence-exists",
                title="A trafficking offence exists",
                severity="critical",
                before="unknown",
                after="met",
                regression=False,
                facts=[FactEdit(fact="offence.exists", before=None, after=True, provision="Criminal Code Art. 128")],
            ),
        ],
        fail_on_regression=fail_on_regression,
    )


@pytest.mark.parametrize("fmt", list(CHECK_FORMATS))
def test_every_format_matches_its_golden_file(fmt: str):
    assert_golden(f"check-report.{EXTENSIONS[fmt]}", render_check(fmt, report()))


@pytest.mark.parametrize("fmt", list(CHECK_FORMATS))
def test_every_format_renders_a_clean_report(fmt: str):
    assert render_check(fmt, CheckReport(files=2)).strip()


def test_step_summary_matches_its_golden_file():
    assert_golden("check-summary.md", render_summary(report()))


def test_text_lines_are_yamllint_style():
    first = render_check("text", report()).splitlines()[0]
    assert first == (
        "jurisdictions/ruritania.yaml:12:41: error: source 'kode' is not defined in `sources` "
        "(did you mean 'code'?) [unknown-source]"
    )


def test_github_commands_escape_data_and_properties():
    odd = CheckReport(
        files=1,
        problems=[
            Problem(path="a,b:c.yaml", line=1, col=2, level="warning", message="50% done\nnext", code="unused-source"),
        ],
    )
    (line, _summary) = render_github(odd).splitlines()
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=unused-source::50%25 done%0Anext"


def test_regressions_are_github_errors_only_when_they_fail():
    assert "::warning file=jurisdictions/ruritania.yaml,line=18" in render_github(report())
    assert "::error file=jurisdictions/ruritania.yaml,line=18" in render_github(report(fail_on_regression=True))


def test_sarif_results_point_at_files_and_lines_and_name_known_rules():
    log = json.loads(render_check("sarif", report()))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert set(CODES) <= set(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "jurisdictions/ruritania.yaml", "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert [r["level"] for r in run["results"]] == ["error", "warning", "warning", "note"]


def test_sarif_absolute_paths_become_file_uris():
    assert artifact("/tmp/data/kazakhstan.yaml") == {"uri": "file:///tmp/data/kazakhstan.yaml"}


def test_unknown_format_is_a_usage_error():
    from trafficking_audit.errors import InputError

    with pytest.raises(InputError):
        render_check("xml", report())
