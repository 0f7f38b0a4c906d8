"""Reading older versions of the data from git, for ``audit check --base REV`` and ``audit rules diff REV``.

The comparison needs two things from the data folder's repository: which profile
files changed since a revision, and what each of them said at that revision. Both
come from the ``git`` command (``git diff --name-only`` and ``git show REV:path``),
run in the data folder, so ``--base origin/main`` works in any checkout a CI job
makes. Anything git refuses is a usage error with git's own reason.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from trafficking_audit.errors import InputError, real_path


def _git(folder: Path, *args: str, flag: str = "--base") -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
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
    work tree counts, so uncommitted edits are compared too.
    """
    done = _git(
        root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=M", revision, "--", str(real_path(folder))
    )
    if done.returncode != 0:
        raise InputError(
            f"--base {revision}: git diff failed: {done.stderr.decode(errors='replace').strip()}", code="usage"
        )
    names = done.stdout.decode(errors="surrogateescape").split("\0")
    return sorted(name for name in names if name.endswith((".yaml", ".yml")))


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
    done = _git(root, "show", f"{revision}:{relative}")
    return done.stdout if done.returncode == 0 else None
