"""One run's data: the rulebook, the profiles, and audits with peers, loaded once.

Commands build a :class:`Session` and ask it for audits; it loads each file at most
once and evaluates peer jurisdictions once per date, so ``run --all`` over hundreds
of profiles stays linear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trafficking_audit.app import peer_cache
from trafficking_audit.app.rulebook_cache import load_checked
from trafficking_audit.engine.audit import build_audit, findings_for
from trafficking_audit.engine.recommend import PeerIndex
from trafficking_audit.load import ahead as parse_ahead
from trafficking_audit.load.cache import cache_dir
from trafficking_audit.load.data import DataLocation, locate
from trafficking_audit.load.loader import LoadedProfile, ProfileIndex, Rulebook, Vetter, to_parse
from trafficking_audit.models.check import CODES, Problem
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Audit, Finding, QualityNote
from trafficking_audit.models.rule import Rule


@dataclass
class Session:
    """Loaded data for one command."""

    location: DataLocation
    rulebook: Rulebook
    profiles: ProfileIndex
    lang: Language = ENGLISH
    _peers: dict[tuple[dt.date, tuple[str, ...]], dict[str, tuple[Profile, Sequence[Finding]]]] = field(
        default_factory=dict
    )
    _peer_index: dict[tuple[dt.date, tuple[str, ...]], PeerIndex] = field(default_factory=dict)
    # (date, rule id, id of the profile) -> the profile and its finding: each evaluated once per run.
    _findings: dict[tuple[dt.date, str, int], tuple[Profile, Finding]] = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        vetting: Callable[[Rulebook], Vetter] | None = None,
        lang: Language = ENGLISH,
        every_template: bool = False,
    ) -> Session:
        """Locate the data and load the rulebook (``vetting``, ``lang``, ``every_template``: see :meth:`at`)."""
        return cls.at(locate(data_dir), vetting, lang, every_template)

    @classmethod
    def at(
        cls,
        location: DataLocation,
        vetting: Callable[[Rulebook], Vetter] | None = None,
        lang: Language = ENGLISH,
        every_template: bool = False,
        every_profile: bool = False,
    ) -> Session:
        """Load the rulebook of data already located, its recommendation templates checked (``every_template``:
        each compiled and tried too, else when a finding needs it; see
        :func:`~trafficking_audit.app.rulebook_cache.load_checked`).

        ``vetting`` makes, from the rulebook, the checks every profile must pass as it is loaded (the
        command layer supplies ``audit check``'s consistency checks; this layer does not know them).
        In another language than English, the rulebook's texts are those of its translation file
        (read only then), and findings and headlines are written in ``lang``.

        ``every_profile``: the command will load every profile of the data (for peers, say). With the caches off,
        each will then be parsed, so a helper process starts parsing them now, while this one loads the
        rulebook (:mod:`~trafficking_audit.load.ahead`); with the caches on, :meth:`ProfileIndex.all` has the
        ones missing from the cache parsed ahead itself.
        """
        ahead = parse_ahead.start(to_parse(location.profile_files())) if every_profile and not cache_dir() else None
        try:
            book = load_checked(location.rules, every_template)
            if not lang.is_source:
                from trafficking_audit.engine.translation import localised_rulebook

                book = localised_rulebook(book, location.rules, lang.code)
        except BaseException:
            if ahead is not None:
                ahead.close()
            raise
        return cls(location, book, ProfileIndex(location, vetting(book) if vetting else None, ahead), lang)

    def close(self) -> None:
        """Stop the helper process that parses profiles ahead, if one still runs (see :meth:`at`)."""
        self.profiles.close()

    def warnings(self, loaded: LoadedProfile) -> list[Problem]:
        """The consistency warnings of a loaded profile (unsourced facts, unused sources...)."""
        return list(self.profiles.warnings_of(loaded))

    def peers(self, rules: Sequence[Rule], as_of: dt.date) -> dict[str, tuple[Profile, Sequence[Finding]]]:
        """Findings of every bundled profile on ``as_of`` with these rules (cached)."""
        key = (as_of, tuple(r.id for r in rules))
        if key not in self._peers:
            self._peers[key] = {
                loaded.profile.id: (loaded.profile, [self._finding(loaded.profile, rule, as_of) for rule in rules])
                for loaded in self.profiles.all()
            }
        return self._peers[key]

    def _finding(self, profile: Profile, rule: Rule, as_of: dt.date) -> Finding:
        """One rule's finding for one loaded profile, evaluated once per run (as a peer and as the audited one)."""
        key = (as_of, rule.id, id(profile))
        found = self._findings.get(key)
        if found is None or found[0] is not profile:
            found = (profile, findings_for(profile, [rule], as_of, self.rulebook.instruments, self.lang)[0])
            self._findings[key] = found
        return found[1]

    def audit(self, loaded: LoadedProfile, rules: Sequence[Rule], as_of: dt.date) -> Audit:
        """The audit of one profile, with peers from the data."""
        key = (as_of, tuple(r.id for r in rules))
        if key not in self._peer_index:
            # From the peer cache when no file it comes from changed (then no peer is loaded at all).
            checked = self.profiles.vetter is not None
            cache_key = peer_cache.peer_key(self.location, key[1], as_of, self.lang.code, checked)
            cached = peer_cache.fetch(cache_key)
            if cached is not None:
                self._peer_index[key] = cached
            else:
                # Every peer is loaded (and vetted: a peer's error stops the run) now; a peer is evaluated on
                # a rule when a recommendation asks who meets it, or on all of them when the index is stored.
                peers = {peer.profile.id: peer.profile for peer in self.profiles.all()}
                self._peer_index[key] = PeerIndex.on_demand(
                    peers, rules, lambda profile, rule: self._finding(profile, rule, as_of), self.lang
                )
                peer_cache.store(cache_key, self._peer_index[key])
        known = [self._finding(loaded.profile, rule, as_of) for rule in rules]
        audit = build_audit(
            loaded.profile,
            rules,
            as_of,
            self.rulebook.version,
            self.rulebook.instruments,
            self._peer_index[key],
            known,
            self.lang,
        )
        return audit.model_copy(update={"data_quality": self.data_quality(loaded)})

    def data_quality(self, loaded: LoadedProfile) -> list[QualityNote] | None:
        """The report's data-quality notes on a loaded profile (None when profiles are not vetted)."""
        return None if self.profiles.vetter is None else quality_notes(self.warnings(loaded))


def quality_notes(problems: Sequence[Problem]) -> list[QualityNote]:
    """Warnings summarised by code, in the order of their first occurrence."""
    by_code: dict[str, list[Problem]] = {}
    for problem in problems:
        by_code.setdefault(problem.code, []).append(problem)
    return [
        QualityNote(
            code=code,
            count=len(found),
            description=CODES.get(code, ("warning", code))[1],
            first=f"{found[0].path}:{found[0].line}:{found[0].col}: {found[0].message}",
        )
        for code, found in by_code.items()
    ]
