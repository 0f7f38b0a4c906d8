"""A cache of finished single-jurisdiction reports, keyed by every input that decides their bytes.

Why: ``audit run X --format json`` is far more often run again on unchanged inputs (a
pre-commit or editor hook, a re-run CI job, a script writing one report per format)
than on changed ones, and nearly all of its time goes to work whose result is fixed by
its inputs: importing pydantic, PyYAML and Jinja, building the models, loading the
rulebook and every peer profile, evaluating and rendering. A report is a pure function
of those inputs (reruns are byte-identical, and no report carries a timestamp), so it
can be kept under a hash of them and served as it was written.

The key hashes everything the report depends on:

- the package's own files (code, templates, style sheet) and the Python version;
- the installed versions of the libraries that shape the text (pydantic, PyYAML, Jinja,
  MarkupSafe, pycountry, rich), read from their ``.dist-info`` folder names;
- the working directory and the data folders in use, the name and bytes of every file in
  the rules folder and of every profile in the jurisdictions folder (peers included);
- the jurisdiction argument, and the bytes of the file when it is a path;
- the audit date (today's when none is given), the format, the language and the rule selection.

So any change gives another key, an entry is never updated in place, and a damaged or
deleted entry just means the report is made again. At most :data:`KEEP` reports are kept;
storing one more removes the least recently used. Only reports for files are kept
(Markdown, HTML, JSON): terminal output depends on the terminal. Errors are never
cached: a run that fails stores nothing. ``TRAFFICKING_AUDIT_NO_CACHE=1`` turns this
cache off together with the cache of validated profiles (:mod:`trafficking_audit.load.cache`).

This module imports no third-party library, so that a hit costs only the CLI's start-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from trafficking_audit.load.cache import (
    PACKAGE_DIR,
    cache_dir,
    entry_file,
    hash_files,
    prune,
    read_parsed,
    write_entry,
)
from trafficking_audit.load.cache import library_version as _library_version
from trafficking_audit.load.data import DataLocation, looks_like_path
from trafficking_audit.models.vocabulary import OUTCOMES, SEVERITIES

FORMAT = "2"  # bump when the way entries are written or keyed changes
KIND = "reports"
CACHED_FORMATS = ("md", "html", "json")
# Reports kept at most (the least recently used go first): a report is up to a few hundred KB, and
# the default date, today, makes a new key every day.
KEEP = 256
# import name -> distribution name as it appears (normalised) in a .dist-info folder name
LIBRARIES = {
    "pydantic": "pydantic",
    "pydantic_core": "pydantic_core",
    "yaml": "pyyaml",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "pycountry": "pycountry",
    "rich": "rich",
    "babel": "babel",
}


@dataclass(frozen=True)
class CachedReport:
    """A report's text, each finding's status and severity (all ``--fail-on`` needs), and the data-quality
    warnings of the audited profile (printed on standard error by every run, cached or not)."""

    text: str
    findings: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportRequest:
    """Everything ``audit run`` was asked for that decides the report's bytes."""

    location: DataLocation
    jurisdiction: str
    as_of: str
    fmt: str
    standards: Sequence[str] = ()
    rules: Sequence[str] = ()
    skipped: Sequence[str] = ()
    lang: str = "en"


def _package_files() -> list[str]:
    """The package's own files (paths relative to it, ``/``-separated, sorted), bundled data and bytecode
    excepted (data is hashed as an input). ``os.walk``, not ``Path.rglob``: it runs on every command and the
    pathlib walk cost about ten milliseconds more."""
    found: list[tuple[str, ...]] = []
    root = str(PACKAGE_DIR)
    for folder, subfolders, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        if parts and (parts[0] == "data" or "__pycache__" in parts):
            subfolders[:] = []
            continue
        found.extend((*parts, name) for name in names if os.path.isfile(os.path.join(folder, name)))
    return ["/".join(parts) for parts in sorted(found)]


def _hash_code(update: Callable[[bytes], object], names: Sequence[str]) -> None:
    """Feed each package file's name, size and bytes to ``update`` (code, not an input: read directly, not
    through :mod:`~trafficking_audit.load.inputs`); an unreadable file feeds a marker."""
    for name in names:
        update(b"\0file\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(PACKAGE_DIR / name, "rb") as handle:
                content = handle.read()
        except OSError:
            update(b"\0unreadable\0")
            continue
        update(len(content).to_bytes(8, "big"))
        update(content)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's files, the Python version and the libraries' versions."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{sys.implementation.name}".encode())
    for module, distribution in sorted(LIBRARIES.items()):
        digest.update(f"\0lib\0{module}={_library_version(module, distribution)}".encode())
    _hash_code(digest.update, _package_files())
    return digest.hexdigest()


def report_key(request: ReportRequest) -> str | None:
    """The hash of every input of the report ``request`` asks for; None when an input is not a regular file
    (``/dev/stdin``, a FIFO: no stable content to key on, so the report is not cached).

    Every file is read through :func:`~trafficking_audit.load.inputs.read_input`: inside the
    :func:`~trafficking_audit.load.inputs.kept` block of ``audit run``, the loaders parse the very bytes
    hashed here, so a file edited during the run cannot store one content's report under another's key.
    """
    location = request.location
    digest = hashlib.sha256(code_fingerprint().encode())
    options = {
        "cwd": os.getcwd(),
        "rules": str(location.rules),
        "jurisdictions": str(location.jurisdictions),
        "jurisdiction": request.jurisdiction,
        "as_of": request.as_of,
        "format": request.fmt,
        "standards": list(request.standards),
        "rules_selected": list(request.rules),
        "skipped": list(request.skipped),
        "lang": request.lang,
    }
    digest.update(json.dumps(options, sort_keys=True).encode("utf-8", "surrogateescape"))
    rule_files = sorted(p for p in location.rules.rglob("*") if p.is_file()) if location.rules.is_dir() else []
    stable = hash_files(digest.update, location.rules, rule_files)
    digest.update(b"\0profiles\0")
    stable = hash_files(digest.update, location.jurisdictions, location.profile_files()) and stable
    if looks_like_path(request.jurisdiction):
        named = Path(request.jurisdiction)
        digest.update(b"\0argument\0")
        stable = hash_files(digest.update, named.parent, [named]) and stable
    return digest.hexdigest() if stable else None


def entry_for(request: ReportRequest) -> Path | None:
    """Where the report ``request`` asks for is kept, or None (cache off, or a format not cached)."""
    if request.fmt not in CACHED_FORMATS:
        return None
    if cache_dir() is None:  # the cache is off: hash nothing
        return None
    key = report_key(request)
    return None if key is None else entry_file(KIND, key)


def fetch(entry: Path | None) -> CachedReport | None:
    """The report kept at ``entry``, or None (not kept, or a damaged entry, which the next store replaces)."""
    if entry is None:
        return None
    return read_parsed(
        entry, lambda body: _parsed(json.loads(body)), (ValueError, KeyError, TypeError, AttributeError, RecursionError)
    )


def _parsed(data: object) -> CachedReport | None:
    """The report an entry's JSON holds, or None when it is not exactly the shape :func:`store` writes
    (every status and severity one of the vocabulary's, which ``--fail-on`` and ``--min-coverage`` index)."""
    if not isinstance(data, dict) or set(data) != {"text", "findings", "warnings"}:
        return None
    text, findings, warnings = data["text"], data["findings"], data["warnings"]
    if not isinstance(text, str) or not isinstance(findings, list) or not isinstance(warnings, list):
        return None
    pairs = []
    for pair in findings:
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in OUTCOMES and pair[1] in SEVERITIES):
            return None
        pairs.append((str(pair[0]), str(pair[1])))
    if not all(isinstance(line, str) for line in warnings):
        return None
    return CachedReport(text, tuple(pairs), tuple(warnings))


def store(entry: Path | None, report: CachedReport) -> None:
    """Keep ``report`` at ``entry`` (nothing when the cache is off)."""
    if entry is None:
        return
    # ASCII JSON: a lone surrogate in the text is escaped, so every report can be stored.
    payload = json.dumps(
        {"text": report.text, "findings": [list(f) for f in report.findings], "warnings": list(report.warnings)}
    )
    write_entry(entry, payload.encode("ascii"))
    prune(KIND, KEEP)
