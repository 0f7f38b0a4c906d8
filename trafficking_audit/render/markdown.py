"""Markdown reports from Jinja templates (every printed value escaped by ``md``, see ``render/jinja.py``)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from trafficking_audit.models.diff import Diff
from trafficking_audit.models.examples import EXAMPLE_DAY
from trafficking_audit.models.language import ENGLISH, Language
from trafficking_audit.models.overview import Overview
from trafficking_audit.models.provisions import CoverageReport
from trafficking_audit.models.research_plan import ResearchPlan
from trafficking_audit.models.result import Audit
from trafficking_audit.models.rulebook import RulebookDocs, RuleList, RulePage
from trafficking_audit.models.rulediff import RulesDiff
from trafficking_audit.models.trend import Trend
from trafficking_audit.models.vocabulary import PILLARS
from trafficking_audit.models.wording import value_text
from trafficking_audit.render.jinja import md, md_code, render_template
from trafficking_audit.render.labels import CHANGE_LABELS, TREND_LABELS, signed, translated
from trafficking_audit.render.rule_text import RULE_SECTIONS, binding_lines, decision_lines


def render_audit(audit: Audit, lang: Language = ENGLISH) -> str:
    """The audit report as Markdown."""
    return render_template(lang, "audit.md.j2", html=False, audit=audit, pillars=PILLARS)


def render_research_plan(plan: ResearchPlan, lang: Language = ENGLISH) -> str:
    """``audit gaps`` as Markdown: the research plan alone."""
    return render_template(lang, "research_plan.md.j2", html=False, plan=plan)


def render_diff(diff: Diff, lang: Language = ENGLISH) -> str:
    """The diff as Markdown."""
    return render_template(
        lang,
        "diff.md.j2",
        html=False,
        diff=diff,
        changes=translated(lang, CHANGE_LABELS),
        trends=translated(lang, TREND_LABELS),
        signed=signed,
    )


def render_trend(trend: Trend, lang: Language = ENGLISH) -> str:
    """The trend as Markdown: scores per date, the rule x date grid, and the changes."""
    return render_template(lang, "trend.md.j2", html=False, t=trend, pillars=PILLARS)


def render_overview(overview: Overview, lang: Language = ENGLISH) -> str:
    """The overview as Markdown (``index.md``).

    The matrix's cells are looked up by (jurisdiction, rule) in a mapping made here: a filter over every cell
    for each of them made the page quadratic in its size (most of ``run --all``'s time).
    """
    status = {(cell.jurisdiction, cell.rule): cell.status for cell in overview.cells}
    return render_template(lang, "index.md.j2", html=False, o=overview, pillars=PILLARS, status=status)


def _rule_words(lang: Language = ENGLISH) -> dict[str, Any]:
    """What the rulebook templates call: section titles, and conditions in words with fact paths as code."""

    # The lines are built from escaped pieces, so they are Markdown already.
    return {
        "sections": [lang.gettext(section) for section in RULE_SECTIONS],
        "binding_lines": lambda page: [
            Markup(line) for line in binding_lines(page.rule, page.instruments, md_code, md)
        ],
        "decision_lines": lambda rule: [Markup(line) for line in decision_lines(rule, md_code, md)],
        "value_text": value_text,
        "example_day": EXAMPLE_DAY,
    }


def render_rules_list(rules: RuleList, lang: Language = ENGLISH) -> str:
    """``audit rules list`` as a Markdown table."""
    return render_template(lang, "rules_list.md.j2", html=False, rules=rules, **_rule_words(lang))


def render_rule_page(page: RulePage, lang: Language = ENGLISH) -> str:
    """``audit rules show`` as a Markdown page with the fixed sections."""
    return render_template(lang, "rule_page.md.j2", html=False, page=page, **_rule_words(lang))


def render_rulebook_docs(docs: RulebookDocs, lang: Language = ENGLISH) -> str:
    """``docs/rules.md``: index, instruments, and every rule's page."""
    return render_template(lang, "rulebook_docs.md.j2", html=False, docs=docs, **_rule_words(lang))


def render_coverage(report: CoverageReport, lang: Language = ENGLISH) -> str:
    """``audit rules coverage`` as Markdown: the counts, then one table of provisions per instrument."""
    return render_template(lang, "coverage.md.j2", html=False, report=report)


def render_rules_diff(diff: RulesDiff, lang: Language = ENGLISH) -> str:
    """``audit rules diff REV`` as Markdown: the rule changes, then one table of moved findings per profile."""
    return render_template(lang, "rules_diff.md.j2", html=False, diff=diff)
