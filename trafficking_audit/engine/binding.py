"""Which cited provisions bind a jurisdiction on the audit date, and the obligation that follows.

A rule does not say whom it binds: its citations do, read against time. For an audit on
date D, each citation is judged on its own:

- **exists on D?** A provision exists from the date its text became law: for EU law the
  entry into force of the instrument that made it (the amending directive named by
  ``inserted_by``, else the base directive); for a treaty its adoption, since the text is
  settled and open for signature before it enters into force. A citation that did not exist
  on D is left out.
- **binds on D?** A treaty (ILO conventions included) binds a state that is a party on D
  according to the profile's treaty history (the dated ``status``), once the treaty is in
  force and, where the profile records it, in force for that state on D (a ratification
  deposited before D can take effect after D). EU law binds a Member State on D (the
  profile's dated ``memberships.eu``) once the transposition deadline of the instrument that
  made the provision has passed: the amending directive's for inserted text, the base
  directive's for the original text. National law of another state (the US TVPA minimum
  standards) and guidance bind no one: they are yardsticks, "should" or good practice as
  they say, whoever is audited.
- **reserved?** A treaty provision does not bind a party that recorded a reservation (``kind:
  reservation`` in the profile's treaty history) to that provision or to the article containing
  it: a permitted reservation removes the obligation for the reserving state (VCLT Art. 21(1)).
  Declarations, understandings and reservations to only part of the cited text (Qatar's to
  Palermo 6(3)(d) against a citation of 6(3)) leave the citation binding, and so does a
  "general" reservation, whose reach no article states.
- **the obligation**: the strongest level among the binding citations and the yardsticks,
  capped by the rule's own ``obligation`` (a rule whose test goes further than the texts
  require says so there); good practice when citations exist but none binds; and when no
  cited provision existed on D the rule is not applicable.

Pure functions, no I/O: what they read is the rule, the instrument catalogue and the profile.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from trafficking_audit.models.facts import select
from trafficking_audit.models.profile import Profile, Reservation
from trafficking_audit.models.result_base import BindingCitation
from trafficking_audit.models.rule import Citation, Instrument, Rule
from trafficking_audit.models.vocabulary import OBLIGATIONS, Obligation
from trafficking_audit.models.vocabulary import STRENGTH_OBLIGATION as LEVEL

# Kinds of instrument that bind no state: they count as yardsticks for everyone.
YARDSTICK_KINDS = ("national-law", "guidance")
# Kinds bound through ratification or accession, read from the profile's treaty history.
TREATY_KINDS = ("treaty", "ilo-convention")

NO_STANDARD_REASON = "no cited standard existed on {day}"


@dataclass(frozen=True)
class Obligations:
    """What the citations of one rule mean for one jurisdiction on one date."""

    existing: list[Citation]  # the citations whose provision existed on the date, in rule order
    binding: list[BindingCitation]  # those that bind the jurisdiction, with why
    obligation: Obligation
    basis: str  # where the obligation comes from, in one sentence

    @property
    def any_existed(self) -> bool:
        """Whether some cited provision existed on the date (else the rule is not applicable)."""
        return bool(self.existing)


def maker(citation: Citation, instruments: Mapping[str, Instrument]) -> Instrument:
    """The instrument that made the cited text: the amending instrument when ``inserted_by`` names one."""
    return instruments[citation.inserted_by or citation.instrument]


def exists_on(citation: Citation, instruments: Mapping[str, Instrument], day: dt.date) -> bool:
    """Whether the cited provision existed on ``day`` (an instrument without dates always has)."""
    made_by = maker(citation, instruments)
    since = made_by.in_force if made_by.kind == "eu-law" else made_by.adopted
    if made_by.kind == "eu-law" and since is None:
        since = made_by.adopted
    return since is None or since <= day


def _parts(article: str) -> list[str]:
    """The provisions an article reference names: ``31(1)(d)-(e)`` is ``31(1)(d)`` and ``31(1)(e)``."""
    match = re.fullmatch(r"(.*)\(([0-9]+|[a-z])\)-\(([0-9]+|[a-z])\)", article.replace(" ", ""))
    if match is None:
        return [article.replace(" ", "")]
    stem, first, last = match.groups()
    if first.isdigit() and last.isdigit():
        labels = [str(n) for n in range(int(first), int(last) + 1)]
    elif first.isalpha() and last.isalpha():
        labels = [chr(c) for c in range(ord(first), ord(last) + 1)]
    else:
        return [article.replace(" ", "")]
    return [f"{stem}({label})" for label in labels]


def reserved_by(citation: Citation, profile: Profile) -> Reservation | None:
    """The reservation of ``profile`` that covers every provision ``citation`` names, if any."""
    treaty = profile.treaties.get(citation.instrument)
    if treaty is None:
        return None
    for reservation in treaty.reservations:
        if reservation.kind != "reservation":
            continue
        reserved = _parts(reservation.article)
        if all(any(part == r or part.startswith(r + "(") for r in reserved) for part in _parts(citation.article)):
            return reservation
    return None


def binds_because(
    citation: Citation, instruments: Mapping[str, Instrument], profile: Profile, day: dt.date
) -> str | None:
    """Why the cited provision binds the jurisdiction on ``day``, or None when it does not."""
    instrument = instruments[citation.instrument]
    if instrument.kind in TREATY_KINDS:
        if reserved_by(citation, profile) is not None:
            return None  # the state reserved this provision: see obligations() for the note in the basis
        return _party_because(instrument, profile, day)
    if instrument.kind == "eu-law":
        return _member_because(citation, instruments, profile, day)
    return None  # yardsticks and anything else bind no one


def _party_because(instrument: Instrument, profile: Profile, day: dt.date) -> str | None:
    """A treaty binds a party on ``day`` once in force, generally and (where recorded) for that state."""
    treaty = profile.treaties.get(instrument.id)
    if treaty is None or instrument.in_force is None or day < instrument.in_force:
        return None
    status = select(treaty.status, day)
    if status is None or status.is_unknown or status.value != "party":
        return None
    if treaty.in_force is not None and day < treaty.in_force:
        return None  # consent given, but the treaty had not yet entered into force for the state
    details = []
    if treaty.consent is not None:
        deposited = f" deposited {treaty.deposited.isoformat()}" if treaty.deposited else ""
        details.append(f"{treaty.consent}{deposited}")
    if treaty.in_force is not None:
        details.append(f"in force for {profile.name} since {treaty.in_force.isoformat()}")
    elif status.valid_from is not None:
        details.append(f"party since {status.valid_from.isoformat()}")
    fact = f"party to {instrument.short} on {day.isoformat()}"
    return fact + (f" ({'; '.join(details)})" if details else "")


def _member_because(
    citation: Citation, instruments: Mapping[str, Instrument], profile: Profile, day: dt.date
) -> str | None:
    """EU law binds a Member State on ``day`` once the deadline of the instrument that made the text has passed."""
    member = select(profile.memberships.eu, day)
    if member is None or member.is_unknown or member.value is not True:
        return None
    made_by = maker(citation, instruments)
    deadline = made_by.transposition_deadline
    if deadline is not None and day < deadline:
        return None  # in force, but Member States need not comply before the deadline
    since = f" since {member.valid_from.isoformat()}" if member.valid_from else ""
    passed = f"; transposition deadline of {made_by.short} {deadline.isoformat()} passed" if deadline else ""
    return f"EU Member State on {day.isoformat()}{since}{passed}"


def obligations(rule: Rule, instruments: Mapping[str, Instrument], profile: Profile, day: dt.date) -> Obligations:
    """The citations of ``rule`` that existed and bind ``profile`` on ``day``, and the obligation they give."""
    existing = [c for c in rule.citations if exists_on(c, instruments, day)]
    binding: list[BindingCitation] = []
    levels: list[tuple[Obligation, str]] = []
    reserved: list[str] = []
    for citation in existing:
        because = binds_because(citation, instruments, profile, day)
        name = f"{instruments[citation.instrument].short} {citation.article}"  # reports name the part kind
        if because is not None:
            binding.append(
                BindingCitation(
                    instrument=citation.instrument,
                    article=citation.article,
                    strength=citation.strength,
                    inserted_by=citation.inserted_by,
                    because=because,
                )
            )
            levels.append((LEVEL[citation.strength], f"{name} binds {profile.name}: {because}"))
        elif instruments[citation.instrument].kind in YARDSTICK_KINDS:
            levels.append((LEVEL[citation.strength], f"{name} is a yardstick that binds no state"))
        elif instruments[citation.instrument].kind in TREATY_KINDS and reserved_by(citation, profile) is not None:
            reserved.append(f"{name} does not bind {profile.name}: reservation to it")
    if not existing:
        return Obligations([], [], "good-practice", NO_STANDARD_REASON.format(day=day.isoformat()))
    note = "".join(f"; {entry}" for entry in reserved)
    if not levels:
        basis = f"no cited instrument binds {profile.name} on {day.isoformat()}: good practice{note}"
        return Obligations(existing, binding, "good-practice", basis)
    level, why = min(levels, key=lambda entry: OBLIGATIONS.index(entry[0]))  # OBLIGATIONS runs strongest first
    if OBLIGATIONS.index(level) < OBLIGATIONS.index(rule.obligation):
        return Obligations(
            existing, binding, rule.obligation, f"{why}; the rule's test is graded {rule.obligation} at most{note}"
        )
    return Obligations(existing, binding, level, why + note)
