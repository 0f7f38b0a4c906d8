"""The defects a new user hit (issue 15): each one, as the user met it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
KAZAKHSTAN = ROOT / "jurisdictions" / "kazakhstan.yaml"
UNDEFINED = re.compile(r"source '([^']+)' is not defined in `sources` \(did you mean (.*)\?\)")


def test_a_misspelt_jurisdiction_gets_a_suggestion(cli) -> None:
    result = cli("run", "kazakhtan", "--data", ROOT)
    assert result.exit_code == 2 and "did you mean 'kazakhstan'?" in result.stderr
    assert "did you mean" not in cli("run", "atlantis", "--data", ROOT).stderr


def test_unknown_source_hint_prefers_same_prefix_and_year(cli, tmp_path: Path) -> None:
    text = KAZAKHSTAN.read_text(encoding="utf-8")
    copy = tmp_path / "kazakhstan.yaml"
    copy.write_text(text.replace("seed-paper-2024, tip-2022]", "seed-paper-2024, tip-2042]", 1), encoding="utf-8")
    hints = dict(UNDEFINED.findall(cli("check", copy, "--data", ROOT).stdout))
    assert hints["tip-2042"] == "'tip-2024'"  # same prefix, the year's digits transposed
    copy.write_text(text.replace("seed-paper-2024, tip-2022]", "seed-paper-2024, tip-2031]", 1), encoding="utf-8")
    assert dict(UNDEFINED.findall(cli("check", copy, "--data", ROOT).stdout))["tip-2031"] == "'tip-2025'"  # nearest
    copy.write_text(text.replace("seed-paper-2024, tip-2022]", "seed-paper-2024, cc-2O25]", 1), encoding="utf-8")
    hint = dict(UNDEFINED.findall(cli("check", copy, "--data", ROOT).stdout))["cc-2O25"]
    assert hint.count("'") in (2, 4) and "cc-2025" in hint  # by spelling: one or two nearest


def test_new_help_names_no_bundled_profile(cli) -> None:
    shown = cli("new", "--help").stdout
    bundled = {p.stem for p in (ROOT / "jurisdictions").glob("*.yaml")}
    outputs = re.findall(r"--output (\S+)", shown)
    assert outputs and all(Path(o).stem not in bundled for o in outputs), outputs


def test_new_force_refuses_a_profile_with_known_facts(cli, tmp_path: Path) -> None:
    target = tmp_path / "sweden.yaml"
    shutil.copy(ROOT / "jurisdictions" / "sweden.yaml", target)
    before = target.read_bytes()
    result = cli("new", "sweden", "--output", target, "--force", "--data", ROOT)
    assert result.exit_code == 2 and "known fact(s)" in result.stderr
    assert target.read_bytes() == before
    scaffold = tmp_path / "ruritania.yaml"
    assert cli("new", "ruritania", "--output", scaffold, "--data", ROOT).exit_code == 0
    assert cli("new", "ruritania", "--output", scaffold, "--force", "--data", ROOT).exit_code == 0  # a scaffold


def test_run_all_with_output_dir_ends_with_a_summary(cli, tmp_path: Path) -> None:
    # The small fixture data: the summary is the same sentence for any data, and the bundled batch is costly.
    data = ROOT / "tests" / "fixtures" / "small-data"
    result = cli("run", "--all", "--output-dir", tmp_path, "--data", data, "--format", "md", "--as-of", "2026-11-28")
    assert result.exit_code == 0 and result.stdout == ""
    written = sorted(p.name for p in tmp_path.iterdir())
    profiles = sorted(p.stem for p in (data / "jurisdictions").glob("*.yaml"))
    assert written == sorted([*(f"{p}.md" for p in profiles), "index.html", "index.md", "matrix.csv", "matrix.json"])
    assert result.stderr.strip().splitlines()[-1] == (
        f"audit run --all: {len(written)} files written to {tmp_path} "
        f"({len(profiles)} jurisdictions, {len(profiles)} reports and 4 overview files)"
    )


def test_run_all_names_every_failing_profile_and_writes_nothing(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "rules", data / "rules")
    shutil.copytree(ROOT / "jurisdictions", data / "jurisdictions")
    for name, key in (("sweden", "iso2"), ("tajikistan", "iso3")):
        path = data / "jurisdictions" / f"{name}.yaml"
        path.write_text(re.sub(rf"(?m)^{key}: .*$", f"{key}: 12", path.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    profiles = len(list((ROOT / "jurisdictions").glob("*.yaml")))
    for args in (("--output-dir", out), ("--format", "json")):
        result = cli("run", "--all", "--data", data, *args)
        assert result.exit_code == 2 and result.stdout == ""
        assert re.search(r"sweden\.yaml:\d+:1: iso2:", result.stderr)
        assert re.search(r"tajikistan\.yaml:\d+:1: iso3:", result.stderr)
        assert f"2 of {profiles} profiles failed their checks" in result.stderr
    assert not out.exists()
