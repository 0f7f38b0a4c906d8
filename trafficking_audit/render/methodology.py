"""The methodology and limitations section of every report: what the numbers are, and what they are not.

Plain sentences built from the audit (rulebook version, the profile's review date and the period its
facts cover); the caller escapes them for its format, so the terminal, Markdown and HTML reports say
the same thing.
"""

from __future__ import annotations

from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.result import Audit
from trafficking_audit.models.result_base import MIN_COVERAGE


def methodology_lines(audit: Audit, lang: Language = ENGLISH) -> list[str]:
    """The section's sentences, in reading order, in ``lang``."""
    _ = lang.gettext
    j = audit.jurisdiction
    period = (
        _(
            "The profile's facts describe the law from {start} (its history_from); earlier dates are not covered."
        ).format(start=lang.date(j.history_from))
        if j.history_from
        else _("The profile does not say from which date its facts describe the law (no history_from).")
    )
    return [
        _(
            "What the score is: a transparent, indicative measure of how far the recorded law meets the rulebook's "
            "standards, weighted by severity (critical 4, high 3, medium 2, low 1) with credit 1 for met, 0.5 for "
            "partially met and 0 for not met, over the rules whose outcome is known."
        ),
        _(
            "What it is not: an official tier or ranking, a measure of implementation or of outcomes for victims, or "
            "a legal opinion; it reads what the profile records, no more."
        ),
        _(
            "Evidence coverage is the share of applicable rules whose outcome is known. The range beside each score "
            "counts every unknown as not met (low) and as met (high). Unknowns are not missing at random: what a thin "
            "profile records is usually the easy part (treaty status, an offence on the books), so a point score over "
            "known rules alone flatters it. Below {minimum} coverage no point score is headlined, only the range."
        ).format(minimum=lang.percent(MIN_COVERAGE)),
        _("Rulebook version {version}; law as of {day}; profile last reviewed {reviewed}. {period}").format(
            version=audit.rulebook_version,
            day=lang.date(audit.as_of),
            reviewed=lang.date(j.last_reviewed),
            period=period,
        ),
        _(
            "Facts carry their sources and the basis on which they were established; an unknown is never read as "
            '"no". The research plan (Evidence needed) lists the facts that would decide the unknown rules.'
        ),
    ]
