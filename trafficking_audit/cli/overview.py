"""``audit run --all``: every profile's reports plus the overview, or the overview alone.

With ``--output-dir DIR`` it writes ``<id>.md``, ``<id>.html`` and ``<id>.json`` per
jurisdiction (only the ``--format`` one when given) and ``index.html``, ``index.md``,
``matrix.csv`` and ``matrix.json``. Without it, the overview goes to standard output
in the chosen format. A progress bar goes to standard error only on a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from trafficking_audit.app import row_cache
from trafficking_audit.app.output import emit, write_file
from trafficking_audit.app.session import Session
from trafficking_audit.cli.common import print_warnings, terminal_width, want_color, warning_lines
from trafficking_audit.engine.audit import findings_for
from trafficking_audit.engine.overview import (
    Entry,
    assemble_overview,
    entry_of_audit,
    entry_of_findings,
    score_history,
)
from trafficking_audit.errors import InputError, InputErrors
from trafficking_audit.load import forked
from trafficking_audit.load.loader import LoadedProfile
from trafficking_audit.models.check import Problem
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.result import Audit
from trafficking_audit.models.rule import Rule
from trafficking_audit.render import FORMATS, check_format, render

REPORT_FORMATS = {"md": "md", "html": "html", "json": "json"}  # format -> file extension
# From this many profiles on, the overview alone is computed by two processes, each auditing half of the files (a
# forked helper the second half, see :mod:`~trafficking_audit.load.forked`): below it, forking costs what it saves.
SPLIT_AT = 32


def run_all(session: Session, rules: Sequence[Rule], day: dt.date, fmt: str | None, output_dir: Path | None) -> None:
    """Audit every profile; write the reports and overview, or print the overview."""
    if fmt is not None:
        check_format(fmt, FORMATS)
    total = len(session.location.profile_files())
    if not total:
        raise InputError(f"no profiles found in {session.location.jurisdictions}", code="usage")
    entries: list[Entry] = []
    warnings: list[Problem] = []
    failures: list[InputError] = []
    written = 0
    # The score history costs one evaluation per year of each profile's history (most of the cost of a
    # batch over long histories), and only the HTML and Markdown overviews draw it: compute it for those.
    drawn = output_dir is not None or fmt in ("html", "md")
    with progress(total) as advance:
        if output_dir is None:
            # The overview alone needs no recommendations, hence no peers: one profile in memory at a time.
            paths = session.location.profile_files()
            texts = {path: document.text for path, document in session.rulebook.documents.items()}
            batch = row_cache.batch_key(rules, session.rulebook.instruments, texts, day, session.lang.code, drawn)
            rest = paths[len(paths) // 2 :] if len(paths) >= SPLIT_AT else []
            second = forked.call(lambda: _rows(session, rules, day, drawn, batch, rest)) if rest else None
            own = paths if second is None else paths[: len(paths) - len(rest)]  # no helper: this process audits all
            try:
                rows = [_rows(session, rules, day, drawn, batch, own, advance)]
                found = second.get() if second is not None else None
            finally:
                if second is not None:
                    second.cancel()
            if second is not None:
                if found is None or found[2]:  # the helper failed, or a profile did: audited here (its errors too)
                    found = _rows(session, rules, day, drawn, batch, rest, advance)
                else:
                    for entry in found[0]:
                        advance(entry.row.id)
                rows.append(found)
            for part_entries, part_warnings, part_failures in rows:
                entries.extend(part_entries)
                warnings.extend(part_warnings)
                failures.extend(part_failures)
        else:
            profiles = session.profiles.all(failures)
            refuse_failures(failures, total)  # before any file is written: no overview with a profile missing
            refuse_duplicate_ids(profiles)  # before any file is written: one report would replace the other
            for item in profiles:
                audit = session.audit(item, rules, day)
                written += write_reports(output_dir, audit, fmt, session.lang)
                entries.append(
                    entry_of_audit(
                        audit, score_history(item.profile, rules, day, session.rulebook.instruments, audit.findings)
                    )
                )
                warnings.extend(session.warnings(item))
                advance(item.profile.id)
    refuse_failures(failures, total)
    print_warnings(warning_lines(warnings))
    overview = assemble_overview(entries, rules, day, session.rulebook.version)
    if output_dir is None:
        chosen = fmt or "terminal"
        shown = render(chosen, overview, kind="overview", color=want_color(), width=terminal_width(), lang=session.lang)
        emit(shown, None)
        return
    lang = session.lang
    write_file(output_dir / "index.html", render("html", overview, kind="overview", lang=lang))
    write_file(output_dir / "index.md", render("md", overview, kind="overview", lang=lang))
    write_file(output_dir / "matrix.csv", render("csv", overview, kind="matrix", lang=lang))
    write_file(output_dir / "matrix.json", render("json", overview, kind="matrix", lang=lang))
    # A profile that fails its checks stops the run (exit 2, see refuse_failures) before anything is written.
    print_summary(
        f"audit run --all: {written + 4} files written to {output_dir} "
        f"({len(entries)} jurisdictions, {written} reports and 4 overview files)"
    )


def _rows(
    session: Session,
    rules: Sequence[Rule],
    day: dt.date,
    drawn: bool,
    batch: str | None,
    paths: Sequence[Path],
    advance: Callable[[str], None] = lambda _name: None,
) -> tuple[list[Entry], list[Problem], list[InputError]]:
    """The overview's entries, the warnings and the failures of the profiles of ``paths``, in their order (what
    one process of a batch computes: a helper's share is :func:`~trafficking_audit.load.forked.call`'s value).

    A profile's entry comes from the row cache (:mod:`~trafficking_audit.app.row_cache`, ``batch`` its run's
    key) when neither it nor anything else the row depends on changed; it is loaded and checked either way."""
    entries: list[Entry] = []
    warnings: list[Problem] = []
    failures: list[InputError] = []
    for item in session.profiles.each(failures, paths):
        kept = row_cache.entry_for(batch, item)
        entry = row_cache.fetch(kept, item.profile.id)
        if entry is None:
            findings = findings_for(item.profile, rules, day, session.rulebook.instruments, session.lang)
            history = score_history(item.profile, rules, day, session.rulebook.instruments, findings) if drawn else ()
            entry = entry_of_findings(item.profile, findings, day, history, session.lang)
            row_cache.store(kept, entry)
        entries.append(entry)
        warnings.extend(session.warnings(item))
        advance(item.profile.id)
    return entries, warnings, failures


def print_summary(line: str) -> None:
    """The one line a run that writes files ends with, on standard error (standard output stays empty)."""
    sys.stderr.write(line + "\n")


def refuse_failures(failures: Sequence[InputError], total: int) -> None:
    """Exit 2 with every error of every profile that failed, and nothing written or printed.

    The batch goes on past a bad profile only to name all of them at once: an overview without one of the
    profiles would rank the others as if it did not exist, so none is written.
    """
    if not failures:
        return
    errors = [
        one for failure in failures for one in (failure.errors if isinstance(failure, InputErrors) else [failure])
    ]
    files = len({failure.position.path if failure.position else failure.message for failure in failures})
    errors.append(
        InputError(
            f"audit run --all: {files} of {total} profiles failed their checks (errors above); nothing was written",
            code=failures[0].code,
        )
    )
    raise InputErrors(errors)


def refuse_duplicate_ids(profiles: Sequence[LoadedProfile]) -> None:
    """Exit 2 naming both files when two profiles have the same id (their reports would share a name)."""
    seen: dict[str, str] = {}
    for loaded in profiles:
        first = seen.setdefault(loaded.profile.id, loaded.document.path)
        if first != loaded.document.path:
            raise InputError(
                f"duplicate profile id '{loaded.profile.id}' in {first} and {loaded.document.path}: "
                "their reports would overwrite each other; nothing was written (audit check reports duplicate-id)",
                code="duplicate-id",
            )


def write_reports(output_dir: Path, audit: Audit, fmt: str | None, lang: Language = ENGLISH) -> int:
    """One jurisdiction's report files; how many were written."""
    if not output_dir.is_dir():
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"--output-dir {output_dir}: cannot create ({exc.strerror})", code="output") from None
    formats = [fmt] if fmt in REPORT_FORMATS else list(REPORT_FORMATS)
    for name in formats:
        write_file(output_dir / f"{audit.jurisdiction.id}.{REPORT_FORMATS[name]}", render(name, audit, lang=lang))
    return len(formats)


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on standard error when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("auditing", total=total)

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=f"auditing {name}")

        yield advance
