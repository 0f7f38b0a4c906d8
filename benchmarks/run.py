"""The performance budgets of trafficking-audit, measured and judged in one run.

Start-up is paid on every command and in every pre-commit hook, and a CI gate over
hundreds of profiles must stay linear, so each budget compares a workload with a
floor measured on the same machine in the same run: the import of the command's own
stack, ``yaml.load`` with libyaml on the same files, and ``check-jsonschema`` on the
same files. Every workload runs once to warm up (which also fills a bytecode cache
in a temporary folder, as an installed package has one, and the caches of validated
profiles, of finished reports and of the overview's rows, there too; more lines time
``run kazakhstan`` and ``run --all`` with the caches off, and ``run --all`` with the row
cache emptied before each run) and then several times,
interleaved round by round so that other load on the machine hits all of them
alike; the figures are medians of wall-clock time (``time.perf_counter``), and the
peak memory is each child's own maximum resident set size, as ``/usr/bin/time`` reports
it (else from ``os.wait4``). This script stays small itself: the data and the schema
are made by subprocesses, so no timed child starts as a copy of a large parent.

Budgets 1a-1c (the edit loop, and a run with every cache off) are judged with this run's own resident
server (``audit server start``, its socket in the work folder): no process that imports this stack can
meet them (``benchmarks/lower_bound.py``), and the server is what a user who edits profiles all day runs.
The same commands, each in its own process, are printed beside them for orientation.

Budgets 3a and 3b time ``run --all`` re-run on unchanged data, as a CI job or a reviewer re-runs it: each
profile's row of the overview comes from the row cache (``trafficking_audit/app/row_cache.py``) and only its
loading and checks are paid. The cost of evaluating every profile is printed beside them for orientation.

    python benchmarks/run.py                 # every figure and budget; exit 1 if one fails
    python benchmarks/run.py --runs 5 --keep /tmp/ta-bench
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GNU_TIME = Path("/usr/bin/time")
FLOOR_IMPORTS = "import typer, pydantic, yaml, jinja2, rich.table"
PARSE_FLOOR = """
import sys, time, yaml
from pathlib import Path
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
start = time.perf_counter()
for text in texts:
    yaml.load(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""


@dataclass
class Workload:
    """A command to time, how many timed runs it gets, and what it measured."""

    name: str
    command: list[str]
    runs: int
    expect_exit: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    reports_time: bool = False  # the command prints the seconds its own timed part took (the parse floor)
    env: dict[str, str] = field(default_factory=dict)  # added to the environment of this workload only
    reported: list[float] = field(default_factory=list)
    before: Callable[[], None] | None = None  # run, untimed, before every run (the edit of the edit loop)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


def tool(name: str) -> str:
    """A console script of this virtual environment (next to the interpreter), else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"benchmarks/run.py: cannot find `{name}`; install the project and check-jsonschema first")
    return found


def child_env(work: Path) -> dict[str, str]:
    """The environment of every timed command: bytecode cached (as when installed), no colour, and the
    cache of validated profiles in the work folder (filled by the warm-up run; the user's is left alone)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["NO_COLOR"] = "1"
    env.pop("TRAFFICKING_AUDIT_NO_CACHE", None)
    env["TRAFFICKING_AUDIT_CACHE_DIR"] = str(work / "profile-cache")
    # Commands run in their own processes unless a workload asks for the resident server (SERVED), which
    # is then this run's own (its socket in the work folder), never one the user started.
    env["TRAFFICKING_AUDIT_NO_SERVER"] = "1"
    env["XDG_RUNTIME_DIR"] = str(work / "run")
    return env


SERVED = {"TRAFFICKING_AUDIT_NO_SERVER": "0"}  # a workload's commands run in the resident server


def run_once(workload: Workload, env: dict[str, str], cwd: Path, record: bool) -> None:
    """Run the command once; record wall-clock time, CPU time and the child's own peak RSS."""
    if workload.before is not None:
        workload.before()
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
    ):
        command = workload.command
        if GNU_TIME.exists():  # its child is forked from a tiny process: ru_maxrss is the command's own
            command = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env={**env, **workload.env}, cwd=cwd)
        # wait4 reaps this child and returns its own resource usage (ru_maxrss: its peak RSS in KiB).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        reported = rss.read().strip().splitlines()
        peak_kb = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss
    if process.returncode != workload.expect_exit:
        sys.exit(
            f"benchmarks/run.py: `{' '.join(workload.command[:6])} ...` exited {process.returncode}:\n"
            f"{stderr.decode(errors='replace')[-2000:]}"
        )
    if record:
        workload.wall.append(elapsed)
        workload.cpu.append(usage.ru_utime + usage.ru_stime)
        workload.rss_kb.append(peak_kb)
        if workload.reports_time:
            workload.reported.append(float(stdout.decode().strip()))


def measure(workloads: Sequence[Workload], env: dict[str, str], cwd: Path) -> None:
    """One warm-up run of each, then timed rounds, interleaved."""
    for workload in workloads:
        print(f"  warm-up: {workload.name}", file=sys.stderr, flush=True)
        run_once(workload, env, cwd, record=False)
    for round_ in range(max(w.runs for w in workloads)):
        print(f"  round {round_ + 1}", file=sys.stderr, flush=True)
        for workload in workloads:
            if round_ < workload.runs:
                run_once(workload, env, cwd, record=True)


class Editor:
    """A copy of a profile that changes by one line before every run, as a user editing it would change it.

    The line is a comment carrying a counter: the file's bytes, and so every content-keyed cache entry of
    it, differ on every run, while the profile stays valid and audits the same (no run fails on it).

    The copy keeps its file name, and so its id and names: ``audit check`` compares a file from outside
    the data folder as if it were copied in, replacing the data's file of that name, so the copy clashes
    with no profile and the check passes (its exit code 0 is required). A copy under another name would
    be a second profile with Kazakhstan's id, ISO codes and aliases, and is rightly refused with a
    ``duplicate-id``, an ``id-mismatch`` and five ``ambiguous-name`` errors; a new id would in turn not
    match the file name. So this is the user's edit of the profile itself, and its check costs no errors.
    """

    def __init__(self, source: Path, target: Path) -> None:
        self.lines = source.read_text(encoding="utf-8").splitlines()
        self.target = target
        self.count = 0
        self()

    def __call__(self) -> None:
        self.count += 1
        self.target.write_text("\n".join([*self.lines, f"# edited for run {self.count}"]) + "\n", encoding="utf-8")


def largest_profile() -> Path:
    """The largest bundled profile (the edit loop works on a copy of it)."""
    return max((HERE.parent / "jurisdictions").glob("*.yaml"), key=lambda p: (p.stat().st_size, p.name))


def sizes(folder: Path) -> tuple[int, float, int]:
    found = [p.stat().st_size for p in sorted(folder.glob("*.yaml"))]
    return min(found), sum(found) / len(found), max(found)


@dataclass
class Budget:
    """One budget: a measured ratio (or amount), its limit, and how it was computed."""

    label: str
    value: float
    limit: float
    detail: str
    unit: str = ""

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        value = f"{self.value:.0f} {self.unit}" if self.unit else f"{self.value:.2f}"
        limit = f"{self.limit:.0f} {self.unit}" if self.unit else f"{self.limit:.2f}"
        verdict = "PASS" if self.passed else "FAIL"
        return f"{verdict}  {self.label:<48} {value:>8} <= {limit:<8} {self.detail}"


def main(argv: list[str] | None = None) -> int:
    """Generate the data, time every workload, print the figures and the budgets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="Timed runs of the start-up workloads (default 10).")
    parser.add_argument("--batch-runs", type=int, default=7, help="Timed runs of run --all (default 7).")
    parser.add_argument("--check-runs", type=int, default=3, help="Timed runs of the check workloads (default 3).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the synthetic profiles (default 1).")
    parser.add_argument("--keep", type=Path, help="Write the data here and keep it (default: a temporary folder).")
    args = parser.parse_args(argv)

    audit, checker, python = tool("audit"), tool("check-jsonschema"), sys.executable
    work = args.keep or Path(tempfile.mkdtemp(prefix="ta-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"generating synthetic profiles in {work}", file=sys.stderr, flush=True)
        data200, data400, neutral = work / "data-200", work / "data-400", work / "cwd"
        neutral.mkdir(exist_ok=True)
        for folder, count in ((data400, 400), (data200, 200)):
            subprocess.run(
                [python, str(HERE / "generate.py"), str(folder), "--count", str(count), "--seed", str(args.seed)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        files400 = sorted((data400 / "jurisdictions").glob("*.yaml"))
        files200 = sorted((data200 / "jurisdictions").glob("*.yaml"))
        low, mean, high = sizes(data400 / "jurisdictions")
        schema = work / "profile.schema.json"
        # `audit schema profile` is Profile.model_json_schema() with its dialect.
        subprocess.run([audit, "schema", "profile", "--output", str(schema)], check=True)
        env = child_env(work)

        floor = Workload(
            "import floor: typer, pydantic, yaml, jinja2, rich.table", [python, "-c", FLOOR_IMPORTS], args.runs
        )
        help_ = Workload("audit --help", [audit, "--help"], args.runs)
        single = Workload(
            "audit run kazakhstan --format json", [audit, "run", "kazakhstan", "--format", "json"], args.runs
        )
        all200 = Workload(
            "audit run --all --format json, 200 profiles",
            [audit, "run", "--all", "--format", "json", "--data", str(data200)],
            args.batch_runs,
        )
        all400 = Workload(
            "audit run --all --format json, 400 profiles",
            [audit, "run", "--all", "--format", "json", "--data", str(data400)],
            args.batch_runs,
        )
        no_cache = {"TRAFFICKING_AUDIT_NO_CACHE": "1"}
        single_cold = Workload("  the same, caches off (report made afresh)", single.command, args.runs, env=no_cache)
        trend = Workload(
            "audit trend kazakhstan --format json, caches off",
            [audit, "trend", "kazakhstan", "--format", "json"],
            args.runs,
            env=no_cache,
        )
        # The overview's rows of unchanged profiles come from the row cache: these runs empty it first, so every
        # profile is evaluated (its validated model still from the cache), as after an edit of the rules. Their
        # cache folder is their own (filled by their warm-up runs): the warm runs' rows are never removed.
        afresh = work / "rows-afresh-cache"
        forget_rows = functools.partial(shutil.rmtree, afresh / "rows", ignore_errors=True)
        rows_env = {"TRAFFICKING_AUDIT_CACHE_DIR": str(afresh)}
        rows200 = Workload(
            "  the same, 200 profiles, rows evaluated afresh",
            all200.command,
            args.batch_runs,
            env=rows_env,
            before=forget_rows,
        )
        rows400 = Workload(
            "  the same, 400 profiles, rows evaluated afresh",
            all400.command,
            args.batch_runs,
            env=rows_env,
            before=forget_rows,
        )
        cold200 = Workload("  the same, 200 profiles, profile cache off", all200.command, args.batch_runs, env=no_cache)
        cold400 = Workload("  the same, 400 profiles, profile cache off", all400.command, args.batch_runs, env=no_cache)
        original = largest_profile()
        copy = work / "edit" / original.name
        copy.parent.mkdir(exist_ok=True)
        # One editor for the four edit-loop workloads: every run of any of them audits bytes no run audited before
        # (an editor each would repeat one another's texts, and a served run would hit the entries the run before
        # it made: its report from the report cache, its profile from the cache of validated profiles).
        editor = Editor(original, copy)
        edit_run = Workload(
            f"edit {original.name} (a copy), then audit run COPY --format json",
            [audit, "run", str(copy), "--format", "json"],
            args.runs,
            before=editor,
        )
        edit_check = Workload(
            f"edit {original.name} (a copy), then audit check COPY",
            [audit, "check", str(copy)],
            args.runs,
            before=editor,
        )
        served_run = Workload(
            "  the same, in the resident server (audit server start)",
            edit_run.command,
            args.runs,
            env=SERVED,
            before=editor,
        )
        served_check = Workload(
            "  the same, in the resident server",
            edit_check.command,
            args.runs,
            env=SERVED,
            before=editor,
        )
        served_cold = Workload(
            "  the same, in the resident server", single.command, args.runs, env={**no_cache, **SERVED}
        )
        parse = Workload(
            "parse floor", [python, "-c", PARSE_FLOOR, *map(str, files400)], args.batch_runs, reports_time=True
        )
        check = Workload(
            "audit check, 200 profiles",
            [audit, "check", "--data", str(data200), str(data200 / "jurisdictions")],
            args.check_runs,
        )
        reference = Workload(
            "check-jsonschema, 200 profiles",
            [checker, "--schemafile", str(schema), *map(str, files200)],
            args.check_runs,
        )
        workloads = [
            floor,
            help_,
            single,
            single_cold,
            served_cold,
            edit_run,
            served_run,
            edit_check,
            served_check,
            trend,
            all200,
            all400,
            rows200,
            rows400,
            cold200,
            cold400,
            parse,
            check,
            reference,
        ]
        (work / "run").mkdir(mode=0o700, exist_ok=True)
        subprocess.run([audit, "server", "start"], check=True, env=env, stdout=subprocess.DEVNULL)
        try:
            measure(workloads, env, neutral)
        finally:
            subprocess.run([audit, "server", "stop"], env=env, stdout=subprocess.DEVNULL)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    print(
        f"trafficking-audit benchmarks: python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(
        f"data: {len(files400)} synthetic profiles (seed {args.seed}); the first {len(files200)} for the "
        "200-profile runs; bundled rules"
    )
    print(f"      {low / 1024:.0f}-{high / 1024:.0f} KB each, mean {mean / 1024:.1f} KB")
    print("method: 1 warm-up + N timed runs each, interleaved; median wall-clock (min), median CPU, max peak RSS")
    print()
    print(f"{'workload':<58} {'N':>3} {'median':>10} {'min':>10} {'cpu':>10} {'peak RSS':>9}")
    for w in workloads:
        if w is parse:
            per_file = statistics.median(w.reported) / len(files400)
            print(
                f"{'parse floor: yaml.load(CSafeLoader) per file, 400 files':<58} {len(w.reported):>3} "
                f"{per_file * 1000:>7.2f} ms {min(w.reported) / len(files400) * 1000:>7.2f} ms"
            )
            continue
        print(
            f"{w.name:<58} {len(w.wall):>3} {w.median * 1000:>7.0f} ms {min(w.wall) * 1000:>7.0f} ms "
            f"{statistics.median(w.cpu) * 1000:>7.0f} ms {max(w.rss_kb) / 1024:>6.0f} MB"
        )

    parse_floor = statistics.median(parse.reported) / len(files400)
    marginal = (all400.median - all200.median) / (len(files400) - len(files200))
    budgets = [
        Budget(
            "1. run kazakhstan --format json / import floor",
            single.median / floor.median,
            1.0,
            f"({single.median * 1000:.0f} ms / {floor.median * 1000:.0f} ms)",
        ),
        Budget(
            "1a. edit-then-run: run COPY --format json / import floor (server)",
            served_run.median / floor.median,
            1.0,
            f"({served_run.median * 1000:.0f} ms / {floor.median * 1000:.0f} ms)",
        ),
        Budget(
            "1b. edit-then-check: check COPY / import floor (server)",
            served_check.median / floor.median,
            0.8,
            f"({served_check.median * 1000:.0f} ms / {floor.median * 1000:.0f} ms)",
        ),
        Budget(
            "1c. run kazakhstan --format json, caches off / import floor (server)",
            served_cold.median / floor.median,
            1.5,
            f"({served_cold.median * 1000:.0f} ms / {floor.median * 1000:.0f} ms)",
        ),
        Budget(
            "2. audit --help / import floor",
            help_.median / floor.median,
            0.8,
            f"({help_.median * 1000:.0f} ms / {floor.median * 1000:.0f} ms)",
        ),
        Budget(
            "3a. run --all marginal cost per profile / parse floor",
            marginal / parse_floor,
            1.5,
            f"({marginal * 1000:.2f} ms / {parse_floor * 1000:.2f} ms per file)",
        ),
        Budget(
            "3b. run --all t(400) / t(200)",
            all400.median / all200.median,
            1.8,
            f"({all400.median * 1000:.0f} ms / {all200.median * 1000:.0f} ms)",
        ),
        Budget(
            "4. audit check / check-jsonschema, 200 profiles",
            check.median / reference.median,
            0.25,
            f"({check.median * 1000:.0f} ms / {reference.median * 1000:.0f} ms)",
        ),
        Budget("5. peak memory, run --all 400 profiles", max(all400.rss_kb) / 1024, 150, "(max over runs)", "MB"),
        Budget(
            "6. trend kazakhstan (every change point) / run kazakhstan, caches off",
            trend.median / single_cold.median,
            2.0,
            f"({trend.median * 1000:.0f} ms / {single_cold.median * 1000:.0f} ms)",
        ),
    ]
    cold_marginal = (cold400.median - cold200.median) / (len(files400) - len(files200))
    rows_marginal = (rows400.median - rows200.median) / (len(files400) - len(files200))
    print()
    print(
        f"for orientation, row cache emptied before each run (every profile evaluated): marginal cost per profile "
        f"{rows_marginal * 1000:.2f} ms = {rows_marginal / parse_floor:.2f} x the parse floor; "
        f"t(400)/t(200) = {rows400.median / rows200.median:.2f}; peak memory {max(rows400.rss_kb) / 1024:.0f} MB"
    )
    print(
        f"for orientation, profile cache off (every file parsed): marginal cost per profile "
        f"{cold_marginal * 1000:.2f} ms = {cold_marginal / parse_floor:.2f} x the parse floor; "
        f"t(400)/t(200) = {cold400.median / cold200.median:.2f}; peak memory {max(cold400.rss_kb) / 1024:.0f} MB"
    )
    print(
        "for orientation, the edit loop without the server (each command in its own process, paying the imports;"
        " benchmarks/lower_bound.py shows what any process of this stack must pay): "
        + "; ".join(
            f"{name} {w.median / floor.median:.2f} x the floor ({w.median * 1000:.0f} ms)"
            for name, w in (("1a", edit_run), ("1b", edit_check), ("1c", single_cold))
        )
    )
    print()
    print("budgets")
    for budget in budgets:
        print(budget.line())
    failed = [b for b in budgets if not b.passed]
    print()
    print(f"{len(budgets) - len(failed)} of {len(budgets)} budgets pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
