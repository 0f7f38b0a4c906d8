"""The synthetic profiles of ``benchmarks/generate.py``: valid for the schema and for ``audit check``,
varied, and the same for the same seed (profile i does not depend on how many are made)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from trafficking_audit.check.runner import run_check
from trafficking_audit.load.data import locate
from trafficking_audit.load.loader import load_profile
from trafficking_audit.models.paths import iter_facts

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
_spec = importlib.util.spec_from_file_location("benchmark_generate", SCRIPT)
assert _spec is not None and _spec.loader is not None
generate_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate_module)


def test_profiles_are_valid_and_pass_audit_check(tmp_path: Path) -> None:
    paths = generate_module.generate(tmp_path, 4, seed=7)
    assert [p.name for p in paths] == [f"synthetic-000{i}.yaml" for i in range(1, 5)]
    report = run_check([], locate(tmp_path), dt.date(2026, 1, 1))
    assert report.errors == 0 and report.warnings == 0, [p.message for p in report.problems]
    profiles = [load_profile(path).profile for path in paths]
    assert len({p.iso2 for p in profiles}) == 4
    histories = [facts for p in profiles for _, facts in iter_facts(p)]
    assert any(len(facts) > 1 for facts in histories)  # dated histories
    assert any(f.is_unknown for facts in histories for f in facts)  # explicit unknowns
    assert all(p.sources and p.statistics for p in profiles)


def test_same_seed_same_bytes_and_prefix_stable(tmp_path: Path) -> None:
    three = generate_module.generate(tmp_path / "a", 3, seed=1)
    five = generate_module.generate(tmp_path / "b", 5, seed=1)
    other = generate_module.generate(tmp_path / "c", 3, seed=2)
    assert [p.read_bytes() for p in three] == [p.read_bytes() for p in five[:3]]
    assert [p.read_bytes() for p in three] != [p.read_bytes() for p in other]
    assert (tmp_path / "a" / "rules" / "rulebook.yaml").is_file()


def test_sizes_are_those_of_real_profiles(tmp_path: Path) -> None:
    sizes = [p.stat().st_size for p in generate_module.generate(tmp_path, 12, seed=1)]
    assert min(sizes) > 15_000 and max(sizes) < 90_000  # the largest real profile (Kazakhstan) is ~81 KB
