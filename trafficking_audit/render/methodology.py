"""The methodology and limitations section of every report: what the numbers are, and what they are not.

Plain sentences built from the audit (rulebook version, the profile's review date and the period its
facts cover); the caller escapes them for its format, so the terminal, Markdown and HTML reports say
the same thing.
"""

from __future__ import annotations

from trafficking_audit.models.result import MIN_COVERAGE, Audit


def methodology_lines(audit: Audit) -> list[str]:
    """The section's sentences, in reading order."""
    j = audit.jurisdiction
    period = (
        f"The profile's facts describe the law from {j.history_from} (its history_from); earlier dates are not covered."
        if j.history_from
        else "The profile does not say from which date its facts describe the law (no history_from)."
    )
    return [
        "What the score is: a transparent, indicative measure of how far the recorded law meets the rulebook's "
        "standards, weighted by severity (critical 4, high 3, medium 2, low 1) with credit 1 for met, 0.5 for "
        "partially met and 0 for not met, over the rules whose outcome is known.",
        "What it is not: an official tier or ranking, a measure of implementation or of outcomes for victims, or "
        "a legal opinion; it reads what the profile records, no more.",
        "Evidence coverage is the share of applicable rules whose outcome is known. The range beside each score "
        "counts every unknown as not met (low) and as met (high). Unknowns are not missing at random: what a thin "
        "profile records is usually the easy part (treaty status, an offence on the books), so a point score over "
        f"known rules alone flatters it. Below {MIN_COVERAGE:.0%} coverage no point score is headlined, only the "
        "range.",
        f"Rulebook version {audit.rulebook_version}; law as of {audit.as_of}; profile last reviewed "
        f"{j.last_reviewed}. {period}",
        "Facts carry their sources and the basis on which they were established; an unknown is never read as "
        '"no". The research plan (Evidence needed) lists the facts that would decide the unknown rules.',
    ]
