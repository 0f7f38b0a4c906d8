"""Why a finding falls short, computed from the rule's condition: what fails, and what would decide it.

A partially met or unmet finding says which parts of its ``met`` condition fail on the profile's
facts ("slavery and servitude are not among the purposes of Criminal Code Art. 128"), naming the
national provision where the profile gives one; an unknown finding names the unknown facts that
would decide it (:func:`~trafficking_audit.engine.conditions.deciding`, which the research plan uses
too). Nothing here is written per rule or per profile: the words come from the
condition's operators, its fact paths and the recorded values. Pure functions, no I/O.
The sentence frames are gettext messages in the language passed down; fact paths, element
words and values stay as the profile and the vocabulary write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trafficking_audit.engine.conditions import Reading, leaf_of, truth
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.rule import Condition
from trafficking_audit.models.wording import enumerate_words, value_text, word


@dataclass
class Shortfall:
    """What fails in a condition: one sentence per failing part, and the vocabulary elements it lacks."""

    sentences: list[str] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)

    def add(self, other: Shortfall) -> None:
        """Take in the sentences and elements of another shortfall (without repeating an element)."""
        self.sentences.extend(other.sentences)
        self.elements.extend(e for e in other.elements if e not in self.elements)

    def text(self) -> str:
        """The sentences as one reason."""
        return "; ".join(self.sentences)


def shortfall(condition: Condition, reading: Reading, lang: Language = ENGLISH) -> Shortfall:
    """What makes ``condition`` false on this reading (empty when it is not false), in ``lang``."""
    _ = lang.gettext
    result = Shortfall()
    if truth(condition, reading) is not False:
        return result
    if condition.all is not None:
        for child in condition.all:
            result.add(shortfall(child, reading, lang))
        return result
    if condition.any is not None:
        parts = [shortfall(child, reading, lang) for child in condition.any]
        for part in parts:
            result.elements.extend(e for e in part.elements if e not in result.elements)
        texts = [part.text() for part in parts if part.sentences]
        if len(texts) == 1:
            result.sentences.append(texts[0])
        elif texts:
            result.sentences.append(
                _("none of the alternatives holds: {alternatives}").format(alternatives=_("; or ").join(texts))
            )
        return result
    if condition.not_ is not None:
        result.sentences.append(holding(condition.not_, reading, lang))
        return result
    result.add(_leaf_shortfall(condition, reading, lang))
    return result


def _subject(path: str, reading: Reading) -> str:
    """The fact as a sentence names it, with the national provision when the profile gives one."""
    evidence = reading.evidence.get(path)
    provision = evidence.provision if evidence is not None else None
    return f"{path} ({provision})" if provision else path


def _owner(path: str, reading: Reading, lang: Language) -> str:
    """Whose elements a list fact holds: "of Criminal Code Art. 128" or "recorded for the offence"."""
    evidence = reading.evidence.get(path)
    if evidence is not None and evidence.provision:
        return lang.gettext("of {provision}").format(provision=evidence.provision)
    return lang.gettext("recorded in {path}").format(path=path)


def _leaf_shortfall(condition: Condition, reading: Reading, lang: Language) -> Shortfall:
    assert condition.fact is not None
    path = condition.fact
    leaf = leaf_of(condition)
    value = reading.value(path)
    noun = word(path.rsplit(".", 1)[-1])
    if leaf.op in ("contains", "contains_any"):
        present = leaf.widened(value)
        lacking = [item for item in leaf.operand if item not in present]
        owner = _owner(path, reading, lang)
        if leaf.op == "contains":
            sentence = lang.ngettext(
                "{items} is not among the {noun} {owner}", "{items} are not among the {noun} {owner}", len(lacking)
            ).format(items=enumerate_words(lacking, lang=lang), noun=noun, owner=owner)
        else:
            sentence = lang.gettext("none of {items} is among the {noun} {owner}").format(
                items=enumerate_words(lacking, "or", lang=lang), noun=noun, owner=owner
            )
        return Shortfall([sentence], [str(item) for item in lacking])
    wanted = _wanted(leaf.op, leaf.operand, lang)
    return Shortfall(
        [
            lang.gettext("{fact} is {value}, {wanted}").format(
                fact=_subject(path, reading), value=word(value_text(value)), wanted=wanted
            )
        ]
    )


def _wanted(op: str, operand: Any, lang: Language) -> str:
    """What a scalar operator asked for, after "<fact> is <value>, ..."."""
    _ = lang.gettext
    if op == "is":
        return _("not {value}").format(value=word(value_text(operand)))
    if op == "is_not":
        return _("which the standard rules out")
    if op == "in":
        return _("not one of {values}").format(
            values=enumerate_words([value_text(v) for v in operand], "or", lang=lang)
        )
    if op == "gte":
        return _("below {value}").format(value=value_text(operand))
    return _("above {value}").format(value=value_text(operand))


def holding(condition: Condition, reading: Reading, lang: Language = ENGLISH) -> str:
    """What makes ``condition`` true on this reading, in words (for a ``not`` that fails)."""
    if condition.all is not None:
        return "; ".join(holding(child, reading, lang) for child in condition.all)
    if condition.any is not None:
        return "; ".join(holding(c, reading, lang) for c in condition.any if truth(c, reading) is True)
    if condition.not_ is not None:
        return shortfall(condition.not_, reading, lang).text()
    assert condition.fact is not None
    value: Any = reading.value(condition.fact)
    shown = value_text(value) if not isinstance(value, (list, tuple)) else enumerate_words(list(value), lang=lang)
    return lang.gettext("{fact} is {value}").format(fact=_subject(condition.fact, reading), value=word(shown))
