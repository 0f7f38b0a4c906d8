"""Shared by the diff tests: the fixture rulebook and profiles, and audits of them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from trafficking_audit.app.session import Session
from trafficking_audit.engine.audit import build_audit
from trafficking_audit.engine.diff import compare_audits
from trafficking_audit.models.diff import Diff
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
BEFORE = dt.date(2022, 12, 31)
AFTER = dt.date(2025, 6, 30)


@lru_cache(maxsize=1)
def session() -> Session:
    """The fixture data, loaded once."""
    return Session.open(DATA)


def profile(name: str) -> Profile:
    """A fixture profile by id."""
    return session().profiles.resolve(name).profile


def audit(p: Profile, day: dt.date) -> Audit:
    """An audit of ``p`` with every fixture rule."""
    s = session()
    return build_audit(p, s.rulebook.rules, day, s.rulebook.version, s.rulebook.instruments)


def diff(left: tuple[Profile, dt.date], right: tuple[Profile, dt.date], changed_only: bool = False) -> Diff:
    """The diff of two (profile, date) sides."""
    return compare_audits(audit(*left), audit(*right), (left[0], right[0]), changed_only=changed_only)
