"""A cache of validated profiles, keyed by file content: never stale, safe to delete.

Reading a profile's YAML costs ten times more than validating it (libyaml composes
the nodes; we walk them enforcing the safety rules), and an unchanged file always
gives the same validated model. So the JSON of a validated profile is kept in the
user's cache folder under a name that hashes the file's text together with
everything that decides how the text is read: the package's parsing and model
code, and the versions of pydantic and Python. A changed file, or changed code,
gives another name and is read afresh; only valid profiles are stored, so a file
with an error is read, and reported, every time. Entries are never updated in
place and any of them can be deleted at any moment.

The folder also keeps finished reports (:mod:`trafficking_audit.app.report_cache`), under
``reports/``; the helpers that find, read and write entries serve both kinds.

``TRAFFICKING_AUDIT_NO_CACHE=1`` turns the cache off; ``TRAFFICKING_AUDIT_CACHE_DIR``
moves it (default: ``$XDG_CACHE_HOME/trafficking-audit``, else
``~/.cache/trafficking-audit``; ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trafficking_audit.load.files import write_atomically

if TYPE_CHECKING:  # pydantic is imported only where a profile is read, not on a cached report's path
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

FORMAT = "1"  # bump when the way entries are written changes
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # trafficking_audit/, above load/
# The code that turns a file's text into a validated model: a change to any of it changes every key.
# check/: the consistency checks, whose result is cached beside the profile (check/consistency.py).
CODE = ("load/yamlsource.py", "load/validation.py", "models", "check")


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is turned off (by the environment, or as unusable)."""
    if os.environ.get("TRAFFICKING_AUDIT_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("TRAFFICKING_AUDIT_CACHE_DIR")
    if configured:
        return _usable(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return _usable(str(Path(os.environ["LOCALAPPDATA"]) / "trafficking-audit" / "cache"))
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return _usable(str(Path(base) / "trafficking-audit"))


@lru_cache(maxsize=8)
def _usable(folder: str) -> Path | None:
    """The folder, created when missing; None, with one warning, when it cannot be a folder.

    A cache is only a shortcut: a name too long, a file in its place or a parent that cannot be
    written turns it off for the run instead of failing the command.
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "not a folder" if isinstance(exc, FileExistsError) else exc.strerror or type(exc).__name__
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"warning: cache folder {folder}: {reason}; running without the cache\n")
        return None
    return path


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code and library versions that decide what a file validates to."""
    import pydantic
    import pydantic_core

    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}|{pydantic.VERSION}|{pydantic_core.__version__}".encode())
    for name in CODE:
        target = PACKAGE_DIR / name
        hash_files(digest.update, PACKAGE_DIR, sorted(target.rglob("*.py")) if target.is_dir() else [target])
    return digest.hexdigest()


def hash_files(update: Callable[[bytes], object], root: Path, files: Iterable[Path]) -> None:
    """Feed each file's path (relative to ``root``) and bytes to ``update``; an unreadable file feeds a marker."""
    for path in files:
        update(b"\0file\0" + path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            content = path.read_bytes()
        except OSError:
            update(b"\0unreadable\0")
            continue
        update(len(content).to_bytes(8, "big"))
        update(content)


def entry_file(kind: str, key: str) -> Path | None:
    """Where the entry ``key`` (a hex digest) of one kind of entry is kept (None when the cache is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / kind / key[:2] / f"{key}.json"


def read_entry(path: Path | None) -> bytes | None:
    """The bytes of an entry, or None (cache off, no such entry, or unreadable)."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def touch_entry(path: Path) -> None:
    """Mark an entry as just used, so that :func:`prune` removes it last."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(kind: str, keep: int) -> None:
    """Keep only the ``keep`` most recently used entries of one kind (failures are ignored)."""
    folder = cache_dir()
    if folder is None:
        return
    found = []
    try:
        for path in (folder / kind).glob("*/*.json"):
            try:
                found.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
    except OSError:
        return
    for _, path in sorted(found, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def write_entry(path: Path | None, payload: bytes) -> None:
    """Write an entry atomically (a reader sees all of it or none), private to the user (0600);
    failures are ignored: it is only a cache."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, payload, 0o600)
    except OSError:
        pass


def entry_path(model: type[BaseModel], text: str) -> Path | None:
    """Where the validated form of ``text`` as ``model`` is kept (None when the cache is off)."""
    if cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{code_fingerprint()}|{model.__module__}.{model.__qualname__}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return entry_file("validated", digest.hexdigest())


def fetch(model: type[M], text: str) -> M | None:
    """The model ``text`` validated to before, or None (not cached, cache off, or an unreadable entry)."""
    from pydantic import ValidationError

    stored = read_entry(entry_path(model, text))
    if stored is None:
        return None
    try:
        return model.model_validate_json(stored)
    except ValidationError:
        return None  # a damaged entry: read the file again, and `store` replaces it


def store(model: type[M], text: str, value: M) -> None:
    """Keep ``value``, the validated form of ``text``."""
    path = entry_path(model, text)
    if path is not None:
        try:
            # Unset fields stay unset, so the model read back is the same, field for field.
            payload = value.model_dump_json(exclude_unset=True).encode("utf-8")
        except ValueError:  # text that cannot be stored as UTF-8 (a lone surrogate): just not cached
            return
        write_entry(path, payload)
