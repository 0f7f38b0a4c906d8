"""The research plan in words, for every format: what knowing a fact would decide, rule by rule.

Plain text; the caller escapes it for its format (``md`` filter, HTML autoescape, rich's
``escape``), so the terminal, Markdown and HTML reports say the same thing.
"""

from __future__ import annotations

from trafficking_audit.models.language import ENGLISH, N_, Language
from trafficking_audit.models.research_plan import FactState, NeededFact, RuleDecided
from trafficking_audit.render.labels import OBLIGATION_LABELS, OUTCOME_LABELS, SEVERITY_LABELS

STATE_WORDS: dict[FactState, str] = {
    "unknown": N_("recorded as unknown"),
    "absent": N_("not recorded"),
    "out_of_period": N_("no recorded value covers the audit date"),
}
PLAN_NOTE = N_(
    "Each fact below is unknown or absent on the audit date, and some value of it would decide at least one rule now "
    "unknown (computed from the rules' conditions, the other unknowns left unknown). Facts deciding critical and "
    "mandatory rules come first, then those deciding more rules."
)


def met_text(entry: RuleDecided, lang: Language = ENGLISH) -> str:
    """What value would meet the rule: 'met when true', 'met when party, once X is known', or why none does."""
    _ = lang.gettext
    if entry.met_when is None:
        return _("no value of this fact makes it met")
    text = _("met when it {condition}").format(condition=entry.met_when)
    if entry.also_needed:
        text += lang.ngettext(
            ", once {facts} is known too", ", once {facts} are known too", len(entry.also_needed)
        ).format(facts=", ".join(entry.also_needed))
    return text


def outcomes_text(entry: RuleDecided, lang: Language = ENGLISH) -> str:
    """The outcomes knowing the fact can give, e.g. 'met or not met'."""
    return lang.gettext(" or ").join(lang.gettext(OUTCOME_LABELS[o]).lower() for o in entry.outcomes)


def decision_text(entry: RuleDecided, lang: Language = ENGLISH) -> str:
    """One rule a fact decides: '(high, mandatory) met when criminal; could be met or not met'."""
    return lang.gettext("({severity}, {obligation}) {met}; could become {outcomes}").format(
        severity=lang.gettext(SEVERITY_LABELS[entry.severity]),
        obligation=lang.gettext(OBLIGATION_LABELS[entry.obligation]),
        met=met_text(entry, lang),
        outcomes=outcomes_text(entry, lang),
    )


def plan_summary(needed: list[NeededFact], unknown_rules: int, lang: Language = ENGLISH) -> str:
    """One line: how many facts decide how many of the unknown rules."""
    decided = len({r.rule for n in needed for r in n.rules})
    facts = lang.ngettext("{n} fact", "{n} facts", len(needed)).format(n=len(needed))
    return lang.ngettext(
        "{facts} to research, deciding {decided} of the {unknown} rules now unknown.",
        "{facts} to research, deciding {decided} of the {unknown} rules now unknown.",
        unknown_rules,
    ).format(facts=facts, decided=decided, unknown=unknown_rules)
