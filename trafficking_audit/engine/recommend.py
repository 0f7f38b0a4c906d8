"""Graded, prioritised recommendations linked to the failed rule and to peer practice.

The grading verb follows the obligation, as GRETA grades its recommendations:
mandatory -> "urge", should -> "recommend", good practice -> "invite". Priority
order: severity (critical first), then obligation (mandatory first), then pillar
(prosecution, protection, prevention, partnership), then rulebook order.

Recommendation templates come from rule files, which may be a user's own, so they
are data, not programs: :mod:`trafficking_audit.engine.rule_template` allows only a small
whitelist of Jinja syntax, with four plain variables, and bounds the output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.template_cache import fetch_rendered, rendered_key, store_rendered
from trafficking_audit.models.language import ENGLISH, N_, Language
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding, Peer, Recommendation
from trafficking_audit.models.result_base import SourceRef
from trafficking_audit.models.rule import Rule
from trafficking_audit.models.vocabulary import GAPS, OBLIGATIONS, PILLARS, SEVERITIES
from trafficking_audit.models.wording import word

VERBS = {"mandatory": "urge", "should": "recommend", "good-practice": "invite"}
# The graded openings, as GRETA grades (in Russian: «настоятельно призываем», «рекомендуем», «предлагаем»).
_PHRASES = {
    "urge": N_("We urge {name} to {action}"),
    "recommend": N_("We recommend that {name} {action}"),
    "invite": N_("We invite {name} to {action}"),
}

# Contexts a template is tried with at load time, so that one failing on an empty provision or an
# empty list of missing facts is refused with the rule file rather than in the middle of an audit.
_TRIALS: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("Ruritania", "Criminal Code Art. 1", ["offence.exists"], ["slavery"]),
    ("Ruritania", "", [], []),
    ("Ruritania", "Criminal Code Art. 1", ["offence.exists", "offence.means_required"], ["slavery", "servitude"]),
)


def check_template(rule: Rule) -> str | None:
    """An error message if the rule's template is not allowed, does not compile or does not render, else None."""
    from trafficking_audit.engine import rule_template  # Jinja: only when templates are checked or rendered

    try:
        rule_template.check_syntax(rule.recommendation)
        for jurisdiction, provision, missing, elements in _TRIALS:
            rule_template.render(rule.recommendation, _context(jurisdiction, provision, missing, elements))
    except rule_template.TemplateProblem as exc:
        return _message(rule, exc)
    return None


def check_templates(book: Rulebook) -> None:
    """Raise a positioned error for the first rule whose recommendation template fails (in rulebook order).

    Part of validating a rulebook before it is used for audits; the loader leaves it to this layer,
    which owns the template language.
    """
    for rule in book.rules:
        message = check_template(rule)
        if message is not None:
            raise InputError(message, book.template_position(rule.id), code="bad-template")
    book.locate_templates()


def render_template(
    rule: Rule, jurisdiction: str, provision: str, missing: Sequence[str], elements: Sequence[str] = ()
) -> str:
    """The rule's recommendation text for one jurisdiction (whitelisted syntax, bounded output).

    ``elements`` are the finding's missing elements (vocabulary words), given to the template in words
    ("slavery", "abuse of power") so that a recommendation can ask for what is missing.
    Any failure is bad input of the rule file, at the template's position when the rule came from one.
    """
    return _render(rule, template_context(jurisdiction, provision, missing, elements))


def template_context(
    jurisdiction: str, provision: str, missing: Sequence[str], elements: Sequence[str] = ()
) -> dict[str, Any]:
    """The four variables a recommendation template is rendered with (the missing elements in words)."""
    return _context(jurisdiction, provision, missing, [word(e) for e in elements])


def render_templates(jobs: Sequence[tuple[Rule, Mapping[str, Any]]]) -> list[str]:
    """The recommendation texts of (rule, context) pairs, in order: from the cache of rendered texts when the
    same templates were rendered with the same contexts by the same code (Jinja is then not imported),
    else each rendered as :func:`render_template` does, the first failure raised."""
    key = rendered_key(_renderer_code(), [(rule.recommendation, context) for rule, context in jobs])
    texts = fetch_rendered(key, len(jobs))
    if texts is None:
        texts = [_render(rule, context) for rule, context in jobs]
        store_rendered(key, texts)
    return texts


def _render(rule: Rule, context: Mapping[str, Any]) -> str:
    from trafficking_audit.engine import rule_template  # Jinja: only when a text is not in the cache

    try:
        text = rule_template.render(rule.recommendation, context)
    except rule_template.TemplateProblem as exc:
        raise InputError(_message(rule, exc), rule.recommendation_position, code="bad-template") from None
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _renderer_code() -> bytes:
    """The code that turns a template and its context into a text: this module and the template module."""
    here = Path(__file__).resolve().parent
    return (here / "recommend.py").read_bytes() + b"\0" + (here / "rule_template.py").read_bytes()


def _context(jurisdiction: str, provision: str, missing: Sequence[str], elements: Sequence[str]) -> dict[str, Any]:
    return {
        "jurisdiction": jurisdiction,
        "provision": provision,
        "missing": list(missing),
        "missing_elements": list(elements),
    }


def _message(rule: Rule, problem: Exception) -> str:
    return f"rule '{rule.id}': recommendation template failed: {problem}"


def phrase(verb: str, name: str, action: str, lang: Language = ENGLISH) -> str:
    """Join the grading verb and the template's imperative action into one sentence."""
    # Templates are imperative ("Amend ..."): after "to" or "that <name>" the verb goes lower-case.
    action = action.strip()
    action = action[:1].lower() + action[1:]
    sentence = lang.gettext(_PHRASES[verb]).format(name=name, action=action)
    return sentence if sentence.endswith(".") else sentence + "."


def priority_key(finding: Finding, order: int) -> tuple[int, int, int, int]:
    """Sort key of the documented priority order."""
    return (
        SEVERITIES.index(finding.severity),
        OBLIGATIONS.index(finding.obligation),
        PILLARS.index(finding.pillar),
        order,
    )


PeerFindings = Mapping[str, tuple[Profile, Sequence[Finding]]]


class PeerIndex:
    """Who meets each rule among the peer jurisdictions, with their provisions and sources.

    Built once from the peers' findings and shared by every audit of a run, so that
    ``run --all`` over N profiles does not rebuild N peer lists for each of N audits.
    """

    def __init__(self, peer_findings: PeerFindings, lang: Language = ENGLISH) -> None:
        """``lang``: the language the peers are named in (as the audited jurisdiction is, by ISO 3166)."""
        self._meeting: dict[str, list[Peer]] = {}
        self._lang = lang
        self._pending: _Pending | None = None
        for peer_id in sorted(peer_findings):
            profile, findings = peer_findings[peer_id]
            seen: set[str] = set()
            for finding in findings:
                if finding.rule in seen:
                    continue  # the first finding of a rule is the one that counts
                seen.add(finding.rule)
                if finding.status == "met":
                    self._meeting.setdefault(finding.rule, []).append(_peer(profile, finding, lang))

    @classmethod
    def of(cls, meeting: Mapping[str, Sequence[Peer]]) -> PeerIndex:
        """An index made before (the peer cache keeps :attr:`meeting`)."""
        index = cls({})
        index._meeting = {rule: list(peers) for rule, peers in meeting.items()}
        return index

    @classmethod
    def on_demand(
        cls,
        peers: Mapping[str, Profile],
        rules: Sequence[Rule],
        finding: Callable[[Profile, Rule], Finding],
        lang: Language = ENGLISH,
    ) -> PeerIndex:
        """The index of these peers, each rule's peers found when first asked for: an audit asks for the rules
        its recommendations need (a dozen of eighty), so the other peers' findings are never evaluated.
        ``finding`` evaluates one peer on one rule; :attr:`meeting` finds every rule's, as the index made
        from all the findings holds."""
        index = cls({}, lang)
        index._pending = _Pending(peers, rules, finding)
        return index

    @property
    def meeting(self) -> dict[str, list[Peer]]:
        """Rule id -> the peers that meet it, by profile id."""
        pending = self._pending
        if pending is not None:
            # Everything, in the order the index made from all the findings has (peer by peer, rule by rule).
            self._meeting = {}
            for peer_id in sorted(pending.peers):
                profile = pending.peers[peer_id]
                for rule in pending.rules.values():
                    found = pending.finding(profile, rule)
                    if found.status == "met":
                        self._meeting.setdefault(found.rule, []).append(_peer(profile, found, self._lang))
            self._pending = None
        return self._meeting

    def peers_for(self, rule_id: str, own_id: str) -> list[Peer]:
        """Jurisdictions (other than the audited one) that meet the rule, by profile id."""
        pending = self._pending
        rule = pending.rules.get(rule_id) if pending is not None and rule_id not in pending.asked else None
        if pending is not None and rule is not None:
            pending.asked.add(rule_id)
            for peer_id in sorted(pending.peers):
                found = pending.finding(pending.peers[peer_id], rule)
                if found.status == "met":
                    self._meeting.setdefault(rule_id, []).append(_peer(pending.peers[peer_id], found, self._lang))
        return [peer for peer in self._meeting.get(rule_id, ()) if peer.id != own_id]


class _Pending:
    """What an on-demand :class:`PeerIndex` evaluates from: the peers by id, the rules by id (the first of an id
    counts, as the first finding of a rule does), how to evaluate one, and the rules already asked for."""

    def __init__(
        self, peers: Mapping[str, Profile], rules: Sequence[Rule], finding: Callable[[Profile, Rule], Finding]
    ) -> None:
        self.peers = dict(peers)
        self.rules: dict[str, Rule] = {}
        for rule in rules:
            self.rules.setdefault(rule.id, rule)
        self.finding = finding
        self.asked: set[str] = set()


def _peer(profile: Profile, finding: Finding, lang: Language) -> Peer:
    provisions = sorted({e.provision for e in finding.evidence if e.provision})
    source_ids = sorted({s for e in finding.evidence for s in e.sources})
    return Peer(
        id=profile.id,
        name=lang.country(profile.iso2, profile.name),
        provisions=provisions,
        sources=source_refs(profile, source_ids),
    )


def source_refs(profile: Profile, ids: Sequence[str]) -> list[SourceRef]:
    """The profile's sources with these ids, in the profile's order."""
    wanted = set(ids)
    return [
        SourceRef(id=s.id, title=s.title, publisher=s.publisher, year=s.year, url=s.url, kind=s.kind)
        for s in profile.sources
        if s.id in wanted
    ]


def recommend(
    profile: Profile,
    rules: Sequence[Rule],
    findings: Sequence[Finding],
    peer_findings: PeerFindings | PeerIndex,
    lang: Language = ENGLISH,
) -> list[Finding]:
    """Attach a graded recommendation to every partially met or unmet finding, numbered by priority, in ``lang``
    (the rules' templates are in it already; the jurisdiction is named as the language names the country)."""
    peers = peer_findings if isinstance(peer_findings, PeerIndex) else PeerIndex(peer_findings, lang)
    by_id = {rule.id: rule for rule in rules}
    failing = [(priority_key(f, i), f) for i, f in enumerate(findings) if f.status in GAPS]
    ranks = {f.rule: rank for rank, (_, f) in enumerate(sorted(failing, key=lambda kf: kf[0]), start=1)}
    name = lang.country(profile.iso2, profile.name)
    jobs = []
    for finding in findings:
        if finding.rule in ranks:
            provision = next((e.provision for e in finding.evidence if e.provision), "") or ""
            context = template_context(name, provision, finding.missing, finding.missing_elements)
            jobs.append((by_id[finding.rule], context))
    actions = iter(render_templates(jobs))  # in the findings' order, as they are attached below
    result = []
    for finding in findings:
        if finding.rule not in ranks:
            result.append(finding)
            continue
        rule = by_id[finding.rule]
        verb = VERBS[finding.obligation]
        action = next(actions)
        recommendation = Recommendation(
            rule=rule.id,
            verb=verb,
            text=phrase(verb, name, action, lang),
            priority=ranks[finding.rule],
            peers=peers.peers_for(rule.id, profile.id),
        )
        result.append(finding.model_copy(update={"recommendation": recommendation}))
    return result
