"""One run's data: the rulebook, the profiles, and audits with peers, loaded once.

Commands build a :class:`Session` and ask it for audits; it loads each file at most
once and evaluates peer jurisdictions once per date, so ``run --all`` over hundreds
of profiles stays linear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trafficking_audit.engine.audit import build_audit, findings_for
from trafficking_audit.engine.recommend import PeerIndex, check_templates
from trafficking_audit.load.data import DataLocation, locate
from trafficking_audit.load.loader import LoadedProfile, ProfileIndex, Rulebook, load_rulebook
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Finding
from trafficking_audit.models.rule import Rule


@dataclass
class Session:
    """Loaded data for one command."""

    location: DataLocation
    rulebook: Rulebook
    profiles: ProfileIndex
    _peers: dict[tuple[dt.date, tuple[str, ...]], dict[str, tuple[Profile, Sequence[Finding]]]] = field(
        default_factory=dict
    )
    _peer_index: dict[tuple[dt.date, tuple[str, ...]], PeerIndex] = field(default_factory=dict)

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Session:
        """Locate the data and load the rulebook."""
        return cls.at(locate(data_dir))

    @classmethod
    def at(cls, location: DataLocation) -> Session:
        """Load the rulebook of data already located, its recommendation templates checked."""
        book = load_rulebook(location.rules)
        check_templates(book)
        return cls(location, book, ProfileIndex(location))

    def peers(self, rules: Sequence[Rule], as_of: dt.date) -> dict[str, tuple[Profile, Sequence[Finding]]]:
        """Findings of every bundled profile on ``as_of`` with these rules (cached)."""
        key = (as_of, tuple(r.id for r in rules))
        if key not in self._peers:
            self._peers[key] = {
                loaded.profile.id: (
                    loaded.profile,
                    findings_for(loaded.profile, rules, as_of, self.rulebook.instruments),
                )
                for loaded in self.profiles.all()
            }
        return self._peers[key]

    def audit(self, loaded: LoadedProfile, rules: Sequence[Rule], as_of: dt.date) -> Audit:
        """The audit of one profile, with peers from the data."""
        peers = self.peers(rules, as_of)
        key = (as_of, tuple(r.id for r in rules))
        if key not in self._peer_index:
            self._peer_index[key] = PeerIndex(peers)
        own = peers.get(loaded.profile.id)
        known = own[1] if own is not None and own[0] is loaded.profile else None  # evaluated once, not twice
        return build_audit(
            loaded.profile, rules, as_of, self.rulebook.version, self.rulebook.instruments, self._peer_index[key], known
        )
