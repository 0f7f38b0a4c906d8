"""``audit check`` on the command line: the acceptance cases, exit codes, formats and the step summary."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE.parent / "fixtures" / "check"
KAZAKHSTAN = ROOT / "jurisdictions" / "kazakhstan.yaml"


def duplicated_key_copy(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the Kazakhstan profile with its `region:` line repeated; returns the path and that line."""
    lines = KAZAKHSTAN.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("region:"))
    lines.insert(index + 1, lines[index])
    copy = tmp_path / "kazakhstan.yaml"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, index + 2


def test_bundled_data_passes(cli):
    result = cli("check", "--data", ROOT)
    assert result.exit_code == 0, result.output


def test_duplicated_key_in_kazakhstan_fails_at_its_line(cli, tmp_path):
    copy, line = duplicated_key_copy(tmp_path)
    result = cli("check", "--data", ROOT, copy)
    assert result.exit_code == 1
    assert f"kazakhstan.yaml:{line}:1: error: duplicate key 'region' [yaml-duplicate-key]" in result.stdout


def test_duplicated_key_in_kazakhstan_is_a_sarif_result_at_that_file_and_line(cli, tmp_path):
    copy, line = duplicated_key_copy(tmp_path)
    result = cli("check", "--data", ROOT, "--format", "sarif", copy)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    located = [
        r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"] if r["ruleId"] == "yaml-duplicate-key"
    ]
    assert len(located) == 1
    assert located[0]["artifactLocation"]["uri"].endswith("/kazakhstan.yaml")
    assert located[0]["region"]["startLine"] == line
    assert located[0]["region"]["startColumn"] == 1


def test_warnings_pass_unless_strict(cli):
    fixture = FIXTURES / "negative" / "unused-source.yaml"
    relaxed = cli("check", "--data", ROOT, fixture)
    assert relaxed.exit_code == 0
    assert "warning: source 'never-cited' is not cited by any fact [unused-source]" in relaxed.stdout
    strict = cli("check", "--data", ROOT, "--strict", fixture)
    assert strict.exit_code == 1
    assert "error: source 'never-cited'" in strict.stdout


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("check", "--data", ROOT, "--format", "xml").exit_code == 2
    assert cli("check", "--data", ROOT, tmp_path / "missing.yaml").exit_code == 2
    assert cli("check", "--data", ROOT, "--fail-on-regression").exit_code == 2
    assert cli("check", "--data", tmp_path).exit_code == 2  # no rules/ folder


def test_github_format_and_step_summary(cli, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    fixture = FIXTURES / "negative" / "unknown-source.yaml"
    result = cli("check", "--data", ROOT, "--format", "github", fixture)
    assert result.exit_code == 1
    assert "::error file=" in result.stdout
    assert "unknown-source.yaml,line=12,col=41,title=unknown-source::source 'kode' is not defined" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("previous step\n## audit check failed")
    assert "`unknown-source`" in text


def test_output_file_and_json(cli, tmp_path):
    target = tmp_path / "check.json"
    result = cli("check", "--data", ROOT, "--format", "json", "--output", target, FIXTURES / "positive")
    assert result.exit_code == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["passed"] is True
    assert report["files"] == 2
    assert report["problems"] == []


def test_help_has_examples(cli):
    result = cli("check", "--help")
    assert result.exit_code == 0
    assert "audit check --format github --base origin/main" in result.stdout


def test_folders_are_searched_without_hidden_folders(cli, tmp_path):
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "broken.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "broken.yml").write_text("key: [unclosed\n", encoding="utf-8")
    result = cli("check", "--data", ROOT, tmp_path)
    assert result.exit_code == 1
    assert "broken.yml:2:1: error: YAML syntax error" in result.stdout
    assert ".venv" not in result.stdout
    assert "in 1 file." in result.stdout


def two_schema_errors_copy(tmp_path: Path) -> tuple[Path, int, int]:
    """A copy of the Kazakhstan profile with a bad `iso2` and a bad `last_reviewed`; returns their lines."""
    lines = KAZAKHSTAN.read_text(encoding="utf-8").splitlines(keepends=True)
    iso = next(i for i, line in enumerate(lines) if line.startswith("iso2:"))
    reviewed = next(i for i, line in enumerate(lines) if line.startswith("last_reviewed:"))
    lines[iso] = "iso2: 12\n"
    lines[reviewed] = "last_reviewed: not-a-date\n"
    copy = tmp_path / "kazakhstan.yaml"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, iso + 1, reviewed + 1


def test_every_schema_error_of_a_file_is_shown_at_its_line(cli, tmp_path):
    copy, iso, reviewed = two_schema_errors_copy(tmp_path)
    result = cli("check", "--data", ROOT, copy)
    assert result.exit_code == 1
    assert f"kazakhstan.yaml:{iso}:1: error: iso2:" in result.stdout
    assert f"kazakhstan.yaml:{reviewed}:1: error: last_reviewed:" in result.stdout
    assert "2 error(s)" in result.stdout


def test_run_names_every_schema_error_and_exits_2(cli, tmp_path):
    copy, iso, reviewed = two_schema_errors_copy(tmp_path)
    result = cli("run", copy, "--format", "json")
    assert result.exit_code == 2
    assert f"kazakhstan.yaml:{iso}:1: iso2:" in result.stderr
    assert f"kazakhstan.yaml:{reviewed}:1: last_reviewed:" in result.stderr
    assert "Traceback" not in result.output
