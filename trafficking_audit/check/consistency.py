"""The consistency checks of ``audit check``, run on every profile a command loads.

``audit run``, ``audit diff``, ``audit trend`` and ``audit run --all`` must not accept what
``audit check`` rejects: a fact citing a source the profile does not define gives a report
citing a source it does not list, and a profile with mismatched ISO codes or overlapping
periods would still be scored. So every loaded profile passes through :func:`vet`: its
errors stop the command (exit 2, one ``file:line:col`` line each), its warnings are handed
back for standard error and the report's data-quality section.

The checks need the parsed document (positions), which a profile served from the
validated-profile cache has not parsed. Their result is therefore cached beside it (in
:mod:`trafficking_audit.load.cache`, whose code fingerprint covers this folder), keyed by
the file's text and everything else the checks read: the file's name and shown path,
today's date, the instrument ids, the facts critical rules read, and whether the file is one of the data's profiles. A
cached profile costs one small read more, and no parse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from pydantic import Field

from trafficking_audit.check.profiles import Critical, check_profile
from trafficking_audit.errors import InputError, InputErrors, Position
from trafficking_audit.load import cache
from trafficking_audit.load.loader import LoadedProfile, Vetter
from trafficking_audit.models.check import Problem
from trafficking_audit.models.defaults import empty_list
from trafficking_audit.models.result_base import Result

# Checks about how a file is kept in a data repository, not what it says: a copy of a profile given
# by path (`audit run ./copy.yaml`) may carry another name.
REPOSITORY_ONLY = ("id-mismatch",)


class Vetting(Result):
    """What the consistency checks found in one profile (what the cache keeps)."""

    problems: list[Problem] = Field(default_factory=empty_list, description="Every problem, sorted.")


def vet(
    loaded: LoadedProfile,
    today: dt.date,
    instruments: Collection[str] | None,
    in_repository: bool = True,
    critical: Critical | None = None,
) -> list[Problem]:
    """The warnings of one profile; its errors raised together as one :class:`InputErrors`.

    ``in_repository``: the file is one of the data's profiles, so its name must match its id; ``critical``: the
    fact paths critical rules read (:func:`~trafficking_audit.check.profiles.critical_facts`).
    """
    problems = [
        p for p in problems_of(loaded, today, instruments, critical) if in_repository or p.code not in REPOSITORY_ONLY
    ]
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise InputErrors(
            [InputError(f"{p.message} [{p.code}]", Position(p.path, p.line, p.col), p.code) for p in errors]
        )
    return problems


def problems_of(
    loaded: LoadedProfile, today: dt.date, instruments: Collection[str] | None, critical: Critical | None = None
) -> list[Problem]:
    """Every problem ``audit check`` finds in a loaded profile, from the cache when it was checked before."""
    doc = loaded.document
    if doc.text is None or not loaded.regular:  # built in memory, or read from a pipe: nothing stable to key on
        return sorted(check_profile(loaded, today, instruments, critical), key=Problem.sort_key)
    ids = "-" if instruments is None else ",".join(sorted(instruments))
    decides = ";".join(f"{path}={','.join(rules)}" for path, rules in sorted((critical or {}).items()))
    key = f"{doc.path}|{today.isoformat()}|{ids}|{decides}|{doc.text}"
    cached = cache.fetch(Vetting, key)
    if cached is not None:
        return list(cached.problems)
    problems = sorted(check_profile(loaded, today, instruments, critical), key=Problem.sort_key)
    cache.store(Vetting, key, Vetting(problems=problems))
    return problems


def vetter(today: dt.date, instruments: Collection[str] | None, critical: Critical | None = None) -> Vetter:
    """The vetter a :class:`~trafficking_audit.load.loader.ProfileIndex` applies to every profile it loads."""

    def check(loaded: LoadedProfile, in_repository: bool) -> list[Problem]:
        return vet(loaded, today, instruments, in_repository, critical)

    return check
