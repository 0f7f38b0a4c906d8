"""A cache of validated profiles, keyed by file content: never stale, safe to delete.

Reading a profile's YAML costs ten times more than validating it (libyaml composes
the nodes; we walk them enforcing the safety rules), and an unchanged file always
gives the same validated model. So the JSON of a validated profile is kept in the
user's cache folder under a name that hashes the file's text together with
everything that decides how the text is read: the package's parsing and model
code, and the versions of pydantic and Python. A changed file, or changed code,
gives another name and is read afresh; only valid profiles are stored, so a file
with an error is read, and reported, every time. Entries are never updated in
place and any of them can be deleted at any moment, even during a run (a missing
entry or folder is a miss; the folder is made again on the next store).

The text that is hashed is the text that is parsed: each file is read once, into
bytes (:mod:`trafficking_audit.load.inputs`), and a file that is not a regular file
(``/dev/stdin``, a FIFO) is never cached. Every entry starts with a line naming its
format, kind, key and the SHA-256 of the rest, checked on every read: a truncated,
corrupted or foreign entry (one copied from another key) is a miss and is replaced,
never served; so is one that does not validate as the model it should hold. The
folder is bounded: each kind keeps its :data:`KEEP` most recently used entries
(plus those one run writes).

The folder also keeps finished reports (:mod:`trafficking_audit.app.report_cache`), under
``reports/``; the helpers that find, read and write entries serve both kinds.

``TRAFFICKING_AUDIT_NO_CACHE=1`` turns the cache off; ``TRAFFICKING_AUDIT_CACHE_DIR``
moves it (default: ``$XDG_CACHE_HOME/trafficking-audit``, else
``~/.cache/trafficking-audit``; ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trafficking_audit.load.files import write_atomically
from trafficking_audit.load.inputs import read_input

if TYPE_CHECKING:  # pydantic is imported only where a profile is read, not on a cached report's path
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")

FORMAT = "2"  # bump when the way entries are written changes
MAGIC = "trafficking-audit-cache"
KIND = "validated"
# Validated profiles (and their check results) kept at most: a few hundred KB each at most, and a data
# repository of a thousand profiles stays warm.
KEEP = 4096
MAX_ENTRY = 64 * 1024 * 1024  # bytes; an entry larger than this is not written, and not read
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


def library_version(module: str, distribution: str) -> str:
    """A library's installed version from its ``.dist-info`` folder name, without importing it.

    When no such folder is found (an unusual layout), the size and modification time of the
    library's entry file stand in: an upgrade rewrites it.
    """
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return "absent"
    origin = Path(spec.origin)
    top = origin.parent if origin.name == "__init__.py" else origin
    try:
        for name in os.listdir(top.parent):
            project = name.partition("-")[0].lower().replace(".", "_")
            if project == distribution and name.endswith(".dist-info"):
                return name
        stat = origin.stat()
    except OSError:
        return "unreadable"
    return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"


def hash_files(update: Callable[[bytes], object], root: Path, files: Iterable[Path]) -> bool:
    """Feed each file's path (relative to ``root``) and bytes to ``update``; an unreadable file feeds a marker.

    The bytes come from :func:`~trafficking_audit.load.inputs.read_input`, so inside a
    :func:`~trafficking_audit.load.inputs.kept` block the loaders later parse exactly what was hashed.
    Returns False when a file is not a regular file (its content cannot key an entry: do not cache).
    """
    stable = True
    for path in files:
        update(b"\0file\0" + path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            found = read_input(path)
        except OSError:
            update(b"\0unreadable\0")
            continue
        stable = stable and found.regular
        update(found.size.to_bytes(8, "big"))
        update(found.content)
    return stable


def entry_file(kind: str, key: str) -> Path | None:
    """Where the entry ``key`` (a hex digest) of one kind of entry is kept (None when the cache is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / kind / key[:2] / f"{key}.json"


def read_entry(path: Path | None) -> bytes | None:
    """The body of an entry, or None: cache off, no such entry, unreadable, or not an intact entry of this name.

    Every entry starts with a line naming its format, kind and key and the SHA-256 of its body
    (:func:`write_entry`). An entry whose line does not match its own file name (a foreign entry,
    copied or renamed from another key), whose body does not match its digest (truncated, corrupted)
    or that is larger than :data:`MAX_ENTRY` is treated as absent: the caller remakes it and
    :func:`write_entry` replaces it.
    """
    if path is None:
        return None
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_ENTRY + 1)
    except OSError:
        return None
    if len(raw) > MAX_ENTRY:
        return None
    header, newline, body = raw.partition(b"\n")
    if not newline or header != _header(path, hashlib.sha256(body).hexdigest()):
        return None
    return body


def _header(path: Path, digest: str) -> bytes:
    """The first line of the entry at ``path``: format, kind (the folder above the fan-out), key and digest."""
    return f"{MAGIC} {FORMAT} {path.parent.parent.name} {path.stem} {digest}".encode()


def touch_entry(path: Path | None) -> None:
    """Mark an entry as just used, so that :func:`prune` removes it last."""
    if path is None:
        return
    with contextlib.suppress(OSError):
        os.utime(path)


def read_parsed(path: Path | None, parse: Callable[[bytes], T | None], errors: tuple[type[Exception], ...]) -> T | None:
    """The value ``parse`` makes of an entry's body, or None: cache off, no intact entry, or a body ``parse``
    refuses (it returns None or raises one of ``errors``). Only a hit marks the entry as used.

    One way for the caches to read an entry (the rulebook cache, which re-reads files while parsing, keeps its
    own); a refused body is a miss, remade and replaced by the next store.
    """
    body = read_entry(path)
    if body is None:
        return None
    try:
        value = parse(body)
    except errors:
        return None
    if value is None:
        return None
    touch_entry(path)
    return value


def prune(kind: str, keep: int) -> None:
    """Keep only the ``keep`` most recently used entries of one kind (failures are ignored).

    ``os.scandir``, not ``Path.glob``: it runs at the first store of every run, over up to ``keep`` entries,
    and the pathlib walk cost about three times as much.
    """
    folder = cache_dir()
    if folder is None:
        return
    found: list[tuple[int, str]] = []
    try:
        with os.scandir(folder / kind) as fans:
            for fan in fans:
                if not fan.is_dir():
                    continue
                with contextlib.suppress(OSError), os.scandir(fan.path) as entries:
                    for entry in entries:
                        if not entry.name.endswith(".json"):
                            continue
                        with contextlib.suppress(OSError):
                            found.append((entry.stat().st_mtime_ns, entry.path))
    except OSError:
        return
    for _, path in sorted(found, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


_pruned: set[str] = set()


def prune_once(kind: str, keep: int) -> None:
    """:func:`prune` at the first store of a run: the folder holds at most ``keep`` entries plus what one run
    writes, without listing it at every store (``run --all`` stores hundreds)."""
    if kind not in _pruned:
        _pruned.add(kind)
        prune(kind, keep)


def write_entry(path: Path | None, payload: bytes) -> None:
    """Write an entry atomically (a reader sees all of it or none), private to the user (0600), headed by the
    line :func:`read_entry` checks; failures are ignored: it is only a cache."""
    if path is None or len(payload) > MAX_ENTRY - 200:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, _header(path, hashlib.sha256(payload).hexdigest()) + b"\n" + payload, 0o600)
    except OSError:
        pass


def entry_path(model: type[BaseModel], text: str) -> Path | None:
    """Where the validated form of ``text`` as ``model`` is kept (None when the cache is off)."""
    if cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{code_fingerprint()}|{model.__module__}.{model.__qualname__}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return entry_file(KIND, digest.hexdigest())


def fetch(model: type[M], text: str) -> M | None:
    """The model ``text`` validated to before, or None (not cached, cache off, or an unreadable entry)."""
    from pydantic import ValidationError

    # A body that is not a valid model after all is a miss: the file is read again and `store` replaces it.
    errors = (ValidationError, ValueError, RecursionError)
    return read_parsed(entry_path(model, text), model.model_validate_json, errors)


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
        prune_once(KIND, KEEP)
