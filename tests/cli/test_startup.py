"""What a command imports: ``audit --help`` none of the heavy libraries, JSON output neither
rich nor pycountry, a report served from the cache none of them. These are lists of modules,
not timings (``benchmarks/run.py`` times them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = {"pydantic", "pydantic_core", "yaml", "jinja2", "rich", "pycountry"}
SCRIPT = """
import contextlib, io, json, sys
from trafficking_audit.cli.app import app
with contextlib.redirect_stdout(io.StringIO()):
    try:
        app(sys.argv[1:], prog_name="audit")
    except SystemExit:
        pass
sys.stderr.write(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def imported(*args: str, cache: Path | None = None) -> set[str]:
    """Top-level packages imported by the time ``audit ARGS`` has finished (in a fresh interpreter),
    with the caches in folder ``cache``, or off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAFFICKING_AUDIT_")}
    env.update({"TRAFFICKING_AUDIT_CACHE_DIR": str(cache)} if cache else {"TRAFFICKING_AUDIT_NO_CACHE": "1"})
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.slow  # a fresh interpreter per case
def test_help_imports_none_of_the_heavy_libraries() -> None:
    assert imported("--help") & HEAVY == set()
    assert imported("run", "--help") & HEAVY == set()


@pytest.mark.slow  # a fresh interpreter per case
def test_json_report_imports_neither_rich_nor_pycountry(tmp_path: Path) -> None:
    """A report made afresh from checked profiles: the consistency checks (which need pycountry for the ISO
    codes) are served from the cache of validated profiles, so a cached profile costs nothing extra."""
    args = ("run", "kazakhstan", "--format", "json", "--as-of", "2025-06-30")
    assert "pycountry" in imported(*args, cache=tmp_path)  # every profile checked once, and the result kept
    shutil.rmtree(tmp_path / "reports")  # the report itself is made again
    loaded = imported(*args, cache=tmp_path)
    assert "pydantic" in loaded  # it did run
    assert loaded & {"rich", "pycountry"} == set()


@pytest.mark.slow  # a fresh interpreter per case
def test_a_report_served_from_the_cache_imports_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    args = ("run", "kazakhstan", "--format", "json", "--as-of", "2025-06-30")
    assert "pydantic" in imported(*args, cache=tmp_path)  # made and stored
    assert imported(*args, cache=tmp_path) & HEAVY == set()  # served


@pytest.mark.slow  # a fresh interpreter per case
def test_an_edited_profile_audited_to_json_imports_neither_jinja_nor_rich_nor_pycountry(tmp_path: Path) -> None:
    """The edit loop: a one-line edit of a profile, then its JSON report. Its recommendations were rendered
    before from the same templates and contexts, so they come from the cache of rendered texts, the rulebook
    from its cache, and its unchanged ISO codes' countries from the cache of look-ups: neither the template
    language nor the ISO database is imported."""
    copy = tmp_path / "kazakhstan.yaml"
    original = (ROOT / "jurisdictions" / "kazakhstan.yaml").read_text(encoding="utf-8")
    args = ("run", str(copy), "--format", "json", "--as-of", "2025-06-30")
    copy.write_text(original, encoding="utf-8")
    assert "jinja2" in imported(*args, cache=tmp_path / "cache")  # rendered once, and kept
    copy.write_text(original + "# edited\n", encoding="utf-8")
    loaded = imported(*args, cache=tmp_path / "cache")
    assert "pydantic" in loaded  # the report was made afresh
    assert loaded & {"jinja2", "rich", "pycountry"} == set()
    copy.write_text(original + "# edited again\n", encoding="utf-8")
    checked = imported("check", str(copy), cache=tmp_path / "cache")
    assert "pydantic" in checked  # checked afresh
    assert checked & {"jinja2", "rich", "pycountry"} == set()


def test_names_listed_for_help_match_the_registries() -> None:
    from trafficking_audit.cli.check import CHECK_FORMAT_NAMES
    from trafficking_audit.cli.schema import SCHEMA_KINDS
    from trafficking_audit.models.schemas import SCHEMAS
    from trafficking_audit.render.check import CHECK_FORMATS

    assert tuple(CHECK_FORMATS) == CHECK_FORMAT_NAMES
    assert tuple(SCHEMAS) == SCHEMA_KINDS
