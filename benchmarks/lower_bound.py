"""What the edit-loop budgets can reach with this stack: the least a process must pay, against the floor.

The budgets of ``benchmarks/run.py`` are ratios to the stack import floor (``import typer, pydantic,
yaml, jinja2, rich.table``). That floor is cheaper than it looks: ``import pydantic`` is lazy, and only
building the first model loads pydantic's schema machinery. So this script times, in the same
interleaved rounds, the smallest processes an ``audit check`` or ``audit run`` of one edited profile
must pay, each a prefix of the next, and prints their medians and ratios to the floor:

- typer and PyYAML imported and one small pydantic model defined and used (any command of this stack);
- the same without typer (a command without this CLI framework);
- typer and PyYAML with the package's profile models imported (any command that validates a profile),
  then the rule and check models too (the models ``audit check`` builds), then parsing and validating
  the largest bundled profile with caches off (the least ``audit check FILE`` does before any of its
  checks), then the result models (what ``audit run`` builds besides);
- for comparison, the real commands of budgets 1a-1c as ``benchmarks/run.py`` runs them.

A budget whose limit is below one of these prefixes cannot be met by any code that keeps the stack.
Figures are medians of wall-clock time and of CPU time (user + system) of each child.

    python benchmarks/lower_bound.py             # 7 rounds
    python benchmarks/lower_bound.py --runs 11
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import FLOOR_IMPORTS, Editor, Workload, child_env, largest_profile, measure, tool

ONE_MODEL = """
class One(pydantic.BaseModel):
    name: str
    year: int | None = None
    tags: list[str] = []
One.model_validate({"name": "x", "year": 2020, "tags": ["a"]})
"""
PROFILE_MODELS = "import typer, yaml\nfrom trafficking_audit.models.profile import Profile\n"
CHECK_MODELS = PROFILE_MODELS + "import trafficking_audit.models.rule, trafficking_audit.models.check\n"
PARSE_AND_VALIDATE = (
    CHECK_MODELS
    + """import sys
from pathlib import Path
from trafficking_audit.load.validation import validate
from trafficking_audit.load.yamlsource import load_yaml
validate(Profile, load_yaml(Path(sys.argv[1])))
"""
)
RUN_MODELS = PARSE_AND_VALIDATE + "import trafficking_audit.models.result\n"


def main(argv: list[str] | None = None) -> int:
    """Time the floor, the minimal processes and the real commands; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="Timed rounds (default 7).")
    args = parser.parse_args(argv)

    audit, python = tool("audit"), sys.executable
    work = Path(tempfile.mkdtemp(prefix="ta-lower-"))
    try:
        neutral = work / "cwd"
        neutral.mkdir()
        original = largest_profile()
        copy = work / "edit" / original.name
        copy.parent.mkdir()
        env = child_env(work)
        runs = args.runs
        no_cache = {"TRAFFICKING_AUDIT_NO_CACHE": "1"}
        floor = Workload("floor: import typer, pydantic, yaml, jinja2, rich.table", [python, "-c", FLOOR_IMPORTS], runs)
        steps = [
            Workload("import yaml + one pydantic model", [python, "-c", "import pydantic, yaml" + ONE_MODEL], runs),
            Workload(
                "import typer, yaml + one pydantic model",
                [python, "-c", "import pydantic, typer, yaml" + ONE_MODEL],
                runs,
            ),
            Workload("import typer, yaml + the profile models", [python, "-c", PROFILE_MODELS], runs, env=no_cache),
            Workload("  + the rule and check models", [python, "-c", CHECK_MODELS], runs, env=no_cache),
            Workload(
                f"  + parse and validate {original.name}, caches off",
                [python, "-c", PARSE_AND_VALIDATE, str(original)],
                runs,
                env=no_cache,
            ),
            Workload("  + the result models", [python, "-c", RUN_MODELS, str(original)], runs, env=no_cache),
        ]
        commands = [
            Workload(
                f"1b. edit {original.name} (a copy), audit check COPY",
                [audit, "check", str(copy)],
                runs,
                before=Editor(original, copy),
            ),
            Workload(
                f"1a. edit {original.name} (a copy), audit run COPY --format json",
                [audit, "run", str(copy), "--format", "json"],
                runs,
                before=Editor(original, copy),
            ),
            Workload(
                "1c. audit run kazakhstan --format json, caches off",
                [audit, "run", "kazakhstan", "--format", "json"],
                runs,
                env=no_cache,
            ),
        ]
        workloads = [floor, *steps, *commands]
        measure(workloads, env, neutral)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base_wall, base_cpu = floor.median, statistics.median(floor.cpu)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"trafficking-audit lower bounds: python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load:.2f} at the end"
    )
    print(f"method: 1 warm-up + {args.runs} timed rounds, interleaved; medians; ratios to the floor's median")
    print()
    print(f"{'process':<62} {'wall':>8} {'ratio':>6} {'cpu':>8} {'ratio':>6}")
    for w in workloads:
        if w is commands[0]:
            print("the commands of budgets 1a-1c (limits 1.0, 0.8 and 1.5):")
        cpu = statistics.median(w.cpu)
        print(
            f"{w.name:<62} {w.median * 1000:>5.0f} ms {w.median / base_wall:>6.2f} "
            f"{cpu * 1000:>5.0f} ms {cpu / base_cpu:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
