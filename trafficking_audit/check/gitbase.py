"""Reading older versions of the data from git, for ``audit check --base REV`` and ``audit rules diff REV``.

The comparison needs two things from the data folder's repository: which profile
files changed since a revision, and what each of them said at that revision. Both
come from the ``git`` command (``git diff --name-only`` and ``git show REV:path``),
run in the data folder, so ``--base origin/main`` works in any checkout a CI job
makes. Anything git refuses is a usage error with git's own reason.

git is used as a tool, not as a host for the repository's configuration: a data repository's
``.git/config`` or ``.gitattributes`` can name commands (``core.fsmonitor``, hooks, a pager, an
external diff, textconv and clean filters) that ordinary git runs. Every call passes
``-c core.fsmonitor=false -c core.hooksPath=/dev/null``, no pager and no external diff, runs
with a minimal environment (no ``GIT_*`` variables from the caller, no prompts, no optional
locks), and never asks git to diff or convert the work tree: changed files are found by
comparing the blob ids of ``git ls-tree`` with ``git hash-object --no-filters`` of the work-tree
files, and old contents come from ``git cat-file blob`` (no textconv).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from trafficking_audit.errors import InputError, real_path

# Options that switch off every command a repository's configuration can make git run.
SAFE_OPTIONS = (
    "--no-pager",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.pager=cat",
    "-c",
    "diff.external=",
    "-c",
    "core.untrackedCache=false",
)
# The caller's variables git reads, kept; everything else (GIT_DIR, GIT_CONFIG_*, GIT_EXTERNAL_DIFF...) dropped.
_KEPT = ("PATH", "HOME", "XDG_CONFIG_HOME", "SYSTEMROOT", "TMPDIR")


def git_environment() -> dict[str, str]:
    """The minimal environment git runs in."""
    kept = {name: os.environ[name] for name in _KEPT if name in os.environ}
    return {**kept, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat"}


def _git(
    folder: Path, *args: str, flag: str = "--base", stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *SAFE_OPTIONS, "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            check=False,
            env=git_environment(),
        )
    except FileNotFoundError:
        raise InputError(f"{flag} needs git, which is not installed or not on PATH", code="usage") from None


def repository_root(folder: Path, flag: str = "--base") -> Path:
    """The top of the git work tree that holds ``folder`` (``flag`` names the option in messages)."""
    done = _git(folder, "rev-parse", "--show-toplevel", flag=flag)
    if done.returncode != 0:
        raise InputError(f"{flag}: {folder} is not inside a git repository", code="usage")
    return Path(done.stdout.decode().strip())


def verify_revision(root: Path, revision: str, flag: str = "--base") -> None:
    """Raise a usage error unless ``revision`` names a commit."""
    if revision.startswith("-"):
        raise InputError(f"{flag} {revision}: not a git revision", code="usage")
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", flag=flag)
    if done.returncode != 0:
        raise InputError(
            f"{flag} {revision}: unknown git revision (fetch it first, e.g. `git fetch origin main`)", code="usage"
        )


def changed_profiles(root: Path, revision: str, folder: Path) -> list[str]:
    """Profile files under ``folder`` modified since ``revision`` (paths relative to ``root``, sorted).

    Added and deleted files have no two versions to compare and are left out; the
    work tree counts, so uncommitted edits are compared too. The work-tree files are hashed
    as they are (``--no-filters``), so no filter or diff driver of the repository runs.
    """
    base, target = real_path(root), real_path(folder)
    relative = "." if base == target else target.relative_to(base).as_posix()
    done = _git(root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", relative)
    if done.returncode != 0:
        raise InputError(
            f"--base {revision}: git ls-tree failed: {done.stderr.decode(errors='replace').strip()}", code="usage"
        )
    blobs: dict[str, str] = {}
    for entry in done.stdout.decode(errors="surrogateescape").split("\0"):
        meta, _, name = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and name.endswith((".yaml", ".yml")) and (base / name).is_file():
            blobs[name] = parts[2]
    if not blobs:
        return []
    names = sorted(blobs)
    hashed = _git(root, "hash-object", "--no-filters", "--stdin-paths", stdin="".join(f"{n}\n" for n in names).encode())
    if hashed.returncode != 0:
        raise InputError(
            f"--base {revision}: git hash-object failed: {hashed.stderr.decode(errors='replace').strip()}",
            code="usage",
        )
    now = hashed.stdout.decode().split()
    return [name for name, current in zip(names, now, strict=True) if current != blobs[name]]


def files_at(root: Path, revision: str, folder: Path) -> list[str]:
    """The files under ``folder`` as they stood at ``revision`` (paths relative to ``root``, sorted)."""
    base, target = real_path(root), real_path(folder)
    relative = "." if base == target else target.relative_to(base).as_posix()
    done = _git(root, "ls-tree", "-r", "--name-only", "-z", revision, "--", relative)
    if done.returncode != 0:
        raise InputError(
            f"{revision}: git ls-tree failed: {done.stderr.decode(errors='replace').strip()}", code="usage"
        )
    return sorted(name for name in done.stdout.decode(errors="surrogateescape").split("\0") if name)


def show(root: Path, revision: str, relative: str) -> bytes | None:
    """The content of ``relative`` at ``revision``, or None when git cannot give it."""
    done = _git(root, "cat-file", "blob", f"{revision}:{relative}")
    return done.stdout if done.returncode == 0 else None
