"""The research plan in words, for every format: what knowing a fact would decide, rule by rule.

Plain text; the caller escapes it for its format (``md`` filter, HTML autoescape, rich's
``escape``), so the terminal, Markdown and HTML reports say the same thing.
"""

from __future__ import annotations

from trafficking_audit.models.research_plan import FactState, NeededFact, RuleDecided
from trafficking_audit.render.labels import OUTCOME_LABELS

STATE_WORDS: dict[FactState, str] = {
    "unknown": "recorded as unknown",
    "absent": "not recorded",
    "out_of_period": "no recorded value covers the audit date",
}
PLAN_NOTE = (
    "Each fact below is unknown or absent on the audit date, and some value of it would decide at least one rule now "
    "unknown (computed from the rules' conditions, the other unknowns left unknown). Facts deciding critical and "
    "mandatory rules come first, then those deciding more rules."
)


def met_text(entry: RuleDecided) -> str:
    """What value would meet the rule: 'met when true', 'met when party, once X is known', or why none does."""
    if entry.met_when is None:
        return "no value of this fact makes it met"
    text = f"met when it {entry.met_when}"
    if entry.also_needed:
        text += f", once {', '.join(entry.also_needed)} {'is' if len(entry.also_needed) == 1 else 'are'} known too"
    return text


def outcomes_text(entry: RuleDecided) -> str:
    """The outcomes knowing the fact can give, e.g. 'met or not met'."""
    return " or ".join(OUTCOME_LABELS[o].lower() for o in entry.outcomes)


def decision_text(entry: RuleDecided) -> str:
    """One rule a fact decides: '(high, mandatory) met when criminal; could be met or not met'."""
    return f"({entry.severity}, {entry.obligation}) {met_text(entry)}; could become {outcomes_text(entry)}"


def plan_summary(needed: list[NeededFact], unknown_rules: int) -> str:
    """One line: how many facts decide how many of the unknown rules."""
    decided = len({r.rule for n in needed for r in n.rules})
    facts = f"{len(needed)} fact{'s' if len(needed) != 1 else ''}"
    return f"{facts} to research, deciding {decided} of the {unknown_rules} rules now unknown."
