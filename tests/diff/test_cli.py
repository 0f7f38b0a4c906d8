"""``audit diff`` end to end: sides, formats, output files, exit codes, and the issue's acceptance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.diff.sample import AFTER, BEFORE, DATA, diff, profile
from trafficking_audit.render import render

ROOT = Path(__file__).resolve().parent.parent.parent
OVER_TIME = ("alpha@2022-12-31", "alpha@2025-06-30")


def outcomes(stdout: str) -> dict[str, tuple[str, str]]:
    return {r["rule"]: (r["left"], r["right"]) for r in json.loads(stdout)["rules"]}


def test_stdout_is_the_renderer_output(cli) -> None:
    result = cli("diff", *OVER_TIME, "--data", DATA, "--format", "md")
    assert result.exit_code == 0, result.stderr
    alpha = profile("alpha")
    expected = diff((alpha, BEFORE), (alpha, AFTER))
    # The command vets the profile (it passes every check): its sides say so in the data-quality section.
    checked = {side: getattr(expected, side).model_copy(update={"data_quality": []}) for side in ("left", "right")}
    assert result.stdout == render("md", expected.model_copy(update=checked), kind="diff")


def test_sides_by_code_alias_and_path_with_as_of_default(cli) -> None:
    by_path = DATA / "jurisdictions" / "alpha.yaml"
    result = cli("diff", f"{by_path}@2022-12-31", "XAA", "--as-of", "2025-06-30", "--data", DATA, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["left"]["as_of"], data["right"]["as_of"]) == ("2022-12-31", "2025-06-30")
    assert data["same_jurisdiction"] is True
    assert outcomes(result.stdout)["means-elements"] == ("not_met", "met")
    alias = cli("diff", "Alpha@2022-12-31", "xb@2022-12-31", "--data", DATA, "--format", "json")
    assert json.loads(alias.stdout)["right"]["id"] == "beta"


def test_rule_selection_and_changed_only(cli) -> None:
    result = cli("diff", *OVER_TIME, "--data", DATA, "--format", "json", "--changed-only", "--skip-rule", "hotline")
    data = json.loads(result.stdout)
    assert [r["rule"] for r in data["rules"]] == ["means-elements", "referral", "coordinator"]
    assert data["counts"]["total"] == 6 and data["changed_only"] is True
    only = cli("diff", *OVER_TIME, "--data", DATA, "--format", "json", "--rule", "shelters", "--standard", "cets-197")
    assert list(outcomes(only.stdout)) == ["shelters"]


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (OVER_TIME, 1, "1 regression(s) from Alphaland (2022-12-31) to Alphaland (2025-06-30): hotline"),
        (OVER_TIME[::-1], 1, "2 regression(s)"),
        ((*OVER_TIME, "--skip-rule", "hotline"), 0, "became unknown on the right (not a regression): coordinator"),
        ((*OVER_TIME, "--rule", "means-elements"), 0, ""),
        (("alpha@2025-06-30", "alpha@2025-06-30"), 0, ""),
    ],
)
def test_fail_on_regression(cli, args: tuple[str, ...], code: int, stderr: str) -> None:
    result = cli("diff", *args, "--data", DATA, "--format", "json", "--fail-on-regression")
    assert result.exit_code == code, result.stderr
    assert stderr in result.stderr
    json.loads(result.stdout)  # the report is written in full either way


def test_regressions_do_not_fail_without_the_option(cli) -> None:
    assert cli("diff", *OVER_TIME, "--data", DATA).exit_code == 0


def test_output_file_and_inferred_format(cli, tmp_path: Path) -> None:
    target = tmp_path / "alpha.html"
    result = cli("diff", *OVER_TIME, "--data", DATA, "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["alpha.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("alpha@2022-13-01", "beta"), "'alpha@2022-13-01': '2022-13-01' is not a valid date"),
        (("alpha@soon", "beta"), "'soon' is not a date"),
        (("alpha", "nowhere"), "unknown jurisdiction 'nowhere'"),
        (("alpha", "beta", "--format", "pdf"), "--format pdf: expected one of"),
        (("alpha", "beta", "--output", "diff.pdf"), "cannot infer the format"),
        (("alpha", "beta", "--rule", "nope"), "no rule with id 'nope'"),
        (("alpha", "beta", "--as-of", "31/12/2022"), "--as-of '31/12/2022'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, args: tuple[str, ...], message: str) -> None:
    result = cli("diff", *args, "--data", DATA)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr and "Traceback" not in result.output


def test_help_has_runnable_examples(cli) -> None:
    result = cli("diff", "--help")
    assert result.exit_code == 0
    assert "audit diff kz us" in result.stdout and "kazakhstan@2022-12-31 kazakhstan@2025-06-30" in result.stdout
    assert "--changed-only" in result.stdout and "--fail-on-regression" in result.stdout


# --- the acceptance, on the bundled data (asserting only what the issue states) ---


@pytest.mark.skipif(not (ROOT / "jurisdictions" / "united-states.yaml").exists(), reason="no United States profile yet")
def test_acceptance_kz_against_us(cli) -> None:
    result = cli("diff", "kz", "us", "--format", "json", "--data", ROOT)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["left"]["id"], data["right"]["id"]) == ("kazakhstan", "united-states")
    assert outcomes(result.stdout)["means-core-elements"] == ("not_met", "met")


def test_acceptance_kazakhstan_over_time(cli) -> None:
    result = cli("diff", "kazakhstan@2022-12-31", "kazakhstan@2025-06-30", "--format", "json", "--data", ROOT)
    assert result.exit_code == 0, result.stderr
    assert outcomes(result.stdout)["specialised-law"] == ("not_met", "met")


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_acceptance_text_formats_render_deterministically(cli, fmt: str) -> None:
    args = ("diff", "kazakhstan@2022-12-31", "kazakhstan@2025-06-30", "--format", fmt, "--data", ROOT)
    first, second = cli(*args), cli(*args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert all(": warning: " in line for line in first.stderr.splitlines())  # data-quality warnings only
    assert "specialised-law" in first.stdout
