"""Terminal summary with rich: headline, pillar scores, top recommendations, findings.

Rendered to a string so it stays a pure function; the CLI decides whether colour
is wanted (a terminal, and ``NO_COLOR`` unset) and passes ``color``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Literal

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from trafficking_audit.models.diff import Diff, Lesson, SideFinding
from trafficking_audit.models.examples import EXAMPLE_DAY, RuleTestReport
from trafficking_audit.models.language import ENGLISH, N_, Language
from trafficking_audit.models.listing import JurisdictionSummary
from trafficking_audit.models.overview import Overview
from trafficking_audit.models.provisions import CoverageReport
from trafficking_audit.models.research_plan import NeededFact, ResearchPlan
from trafficking_audit.models.result import Audit, Finding
from trafficking_audit.models.rule import Rule
from trafficking_audit.models.rulebook import RuleList, RulePage
from trafficking_audit.models.rulediff import RulesDiff
from trafficking_audit.models.trend import Trend
from trafficking_audit.models.vocabulary import PILLARS
from trafficking_audit.models.wording import value_text
from trafficking_audit.render.citations import cite
from trafficking_audit.render.labels import (
    CHANGE_COLOURS,
    CHANGE_LABELS,
    DISCLAIMER,
    OBLIGATION_LABELS,
    OUTCOME_COLOURS,
    OUTCOME_LABELS,
    OUTCOME_SYMBOLS,
    PILLAR_LABELS,
    SEVERITY_LABELS,
    TREND_LABELS,
    TREND_NOTE,
    comparable_text,
    outcome_label,
    pillar_word,
    score_note,
    signed,
)
from trafficking_audit.render.methodology import methodology_lines
from trafficking_audit.render.plan_text import PLAN_NOTE, STATE_WORDS, decision_text, plan_summary
from trafficking_audit.render.rule_text import RULE_SECTIONS, binding_lines, decision_lines
from trafficking_audit.render.text import basis_line, fmt_value, pct, point_text, range_text, score_text, span_text

TOP_RECOMMENDATIONS = 5


def console(color: bool, width: int) -> Console:
    """A console that records to a string."""
    return Console(
        file=io.StringIO(),
        force_terminal=color,
        no_color=not color,
        width=width,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )


def render_audit(audit: Audit, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """The audit as a terminal summary."""
    _ = lang.gettext
    out = console(color, width)
    j = audit.jurisdiction
    out.print(
        f"[bold]{escape(lang.country(j.iso2, j.name))}[/bold] ({j.iso2}/{j.iso3}) · {_('law as of')} "
        f"{lang.date(audit.as_of)} · {_('rulebook')} {escape(audit.rulebook_version)}"
    )
    out.print(escape(audit.headline))
    out.print()
    scores = Table(title=_("Scores (indicative)"), title_justify="left")
    columns = (N_("Pillar"), N_("Score"), N_("Range"), N_("Coverage"), N_("Met"), N_("Partial"), N_("Not met"))
    for column in (*columns, N_("Unknown"), N_("N/A")):
        scores.add_column(_(column), justify="left" if column == "Pillar" else "right")
    for s in [*audit.scores.pillars, audit.scores.overall]:
        scores.add_row(
            _(PILLAR_LABELS[s.pillar]),
            point_text(s),
            range_text(s),
            pct(s.coverage, lang),
            str(s.met),
            str(s.partially_met),
            str(s.not_met),
            str(s.unknown),
            str(s.not_applicable),
        )
    out.print(scores)
    out.print(f"[dim]{escape(score_note(lang))} {escape(_(DISCLAIMER))}[/dim]")
    if audit.recommendations:
        out.print()
        count = len(audit.recommendations)
        heading, in_all = _("Top recommendations"), lang.ngettext("{n} in all", "{n} in all", count).format(n=count)
        out.print(f"[bold]{escape(heading)}[/bold] ({escape(in_all)})")
        for r in audit.recommendations[:TOP_RECOMMENDATIONS]:
            names = ", ".join(p.name for p in r.peers)
            peers = " " + _("Peers: {names}.").format(names=names) if r.peers else ""
            out.print(f" {r.priority}. {escape(r.text)} [dim]({r.rule}){escape(peers)}[/dim]")
    out.print()
    print_evidence_needed(out, audit.evidence_needed, audit.scores.overall.unknown, lang)
    out.print()
    heading = _("Methodology and limitations")
    out.print(f"[bold]{escape(heading)}[/bold]")
    for line in methodology_lines(audit, lang):
        out.print(f" • {escape(line)}")
    out.print()
    findings = Table(title=_("Findings"), title_justify="left")
    for column in (N_("Outcome"), N_("Rule"), N_("Pillar"), N_("Severity"), N_("Evidence")):
        findings.add_column(_(column))
    for f in audit.findings:
        findings.add_row(
            outcome_cell(f.status, lang),
            f.rule,
            pillar_word(f.pillar, lang),
            _(SEVERITY_LABELS[f.severity]),
            escape(evidence_summary(f, lang)),
        )
    out.print(findings)
    if audit.evidence_basis:
        out.print(escape(basis_line(audit.evidence_basis, lang)))
    if audit.data_quality:
        notes = "; ".join(f"{n.count} {n.code}" for n in audit.data_quality)
        heading = _("Data quality")
        warns = _("audit check warns: {notes} (details on standard error)").format(notes=notes)
        out.print(f"[bold]{escape(heading)}[/bold]: {escape(warns)}")
    return recorded(out)


def print_evidence_needed(out: Console, needed: list[NeededFact], unknown_rules: int, lang: Language = ENGLISH) -> None:
    """The research plan: each deciding fact, the rules it decides and where to look."""
    _ = lang.gettext
    heading = _("Evidence needed")
    out.print(f"[bold]{escape(heading)}[/bold] ({escape(plan_summary(needed, unknown_rules, lang))})")
    if not needed:
        out.print(" " + _("No unknown fact decides a rule."))
        return
    for index, n in enumerate(needed, 1):
        state = _(STATE_WORDS[n.state])
        out.print(f" {index}. [cyan]{escape(n.fact)}[/cyan] ({state}): {escape(n.description)}")
        for r in n.rules:
            out.print(
                "    " + escape(_("decides {rule} {decision}").format(rule=r.rule, decision=decision_text(r, lang)))
            )
        place = _("where to look: {place}").format(place=n.where_to_look)
        out.print(f"    [dim]{escape(place)}[/dim]")
    out.print(f"[dim]{escape(_(PLAN_NOTE))}[/dim]")


def render_research_plan(plan: ResearchPlan, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit gaps``: the research plan alone."""
    _ = lang.gettext
    out = console(color, width)
    out.print(
        f"[bold]{escape(plan.name)}[/bold] · {_('law as of')} {lang.date(plan.as_of)}"
        f" · {_('rulebook')} {escape(plan.rulebook_version)}"
    )
    print_evidence_needed(out, plan.evidence_needed, plan.unknown_rules, lang)
    return recorded(out)


def recorded(out: Console) -> str:
    """What a :func:`console` has printed."""
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def outcome_cell(status: str, lang: Language = ENGLISH) -> str:
    """An outcome as coloured rich markup, symbol and word."""
    return f"[{OUTCOME_COLOURS[status]}]{outcome_label(status, lang)}[/]"


def evidence_summary(finding: Finding | SideFinding, lang: Language = ENGLISH) -> str:
    """The provisions an outcome rests on, else the facts it lacked."""
    provisions = "; ".join(sorted({e.provision for e in finding.evidence if e.provision}))
    missing = lang.gettext("missing: {facts}").format(facts=", ".join(finding.missing)) if finding.missing else ""
    return provisions or missing


def render_diff(diff: Diff, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """Two audits side by side: scores, rules, what each side has that the other lacks, changed facts."""
    _ = lang.gettext
    out = console(color, width)
    left, right = diff.left, diff.right
    out.print(
        f"[bold]{escape(left.label)}[/bold] → [bold]{escape(right.label)}[/bold]"
        f" · {_('rulebook')} {escape(diff.rulebook_version)}"
    )
    out.print(escape(diff.headline))
    out.print()
    scores = Table(title=_("Scores (indicative)"), title_justify="left")
    headers: list[tuple[str, Literal["left", "right"]]] = [(_("Pillar"), "left"), (left.label, "right")]
    headers += [(right.label, "right"), (_("Difference"), "right")]
    headers += [(_("Trend"), "left")] if diff.same_jurisdiction else []
    for column, justify in [*headers, (_("Coverage"), "right"), (_("Known on both"), "right")]:
        scores.add_column(escape(column), justify=justify)
    for p in diff.pillars:
        trend = [TREND_LABELS[p.trend]] if diff.same_jurisdiction else []
        scores.add_row(
            PILLAR_LABELS[p.pillar],
            score_text(p.left),
            score_text(p.right),
            signed(p.difference),
            *trend,
            f"{pct(p.left_coverage, lang)} → {pct(p.right_coverage, lang)}",
            comparable_text(p.applicable, p.comparable),
        )
    out.print(scores)
    for p in diff.pillars:
        if p.trend_reason:
            out.print(f"{_(PILLAR_LABELS[p.pillar])}: {_('not comparable:')} {escape(p.trend_reason)}")
    if diff.same_jurisdiction:
        out.print(f"[dim]{escape(_(TREND_NOTE))}[/dim]")
    out.print(f"[dim]{escape(_(DISCLAIMER))}[/dim]")
    if diff.same_jurisdiction:
        out.print()
        out.print(f"[bold]Evidence lost[/bold] ({len(diff.evidence_lost)}): known on the left, unknown on the right")
        for e in diff.evidence_lost:
            missing = f"; {_('missing:')} {escape(', '.join(e.missing))}" if e.missing else ""
            kind = f"{pillar_word(e.pillar, lang)}, {_(SEVERITY_LABELS[e.severity])}"
            change = f"{outcome_label(e.left, lang)} → {outcome_label(e.right, lang)}"
            out.print(f" {e.rule} ({kind}): {change}{missing}")
        if not diff.evidence_lost:
            out.print(" " + _("None."))
        gained = ", ".join(e.rule for e in diff.evidence_gained) or _("none")
        out.print(f"{_('Evidence gained')} ({len(diff.evidence_gained)}): {gained}")
    out.print()
    rules = Table(title="Rules" + (" whose outcome differs" if diff.changed_only else ""), title_justify="left")
    for column in (_("Rule"), left.label, right.label, _("Change")):
        rules.add_column(escape(column), overflow="fold")
    for r in diff.rules:
        cells = [
            f"{outcome_cell(status, lang)}\n[dim]{escape(evidence_summary(detail, lang))}[/dim]"
            if evidence_summary(detail)
            else outcome_cell(status)
            for status, detail in ((r.left, r.left_detail), (r.right, r.right_detail))
        ]
        change = f"[{CHANGE_COLOURS[r.change]}]{escape(_(CHANGE_LABELS[r.change]))}[/]"
        kind = f"{pillar_word(r.pillar, lang)}, {_(SEVERITY_LABELS[r.severity])}"
        rules.add_row(f"{r.rule}\n[dim]{escape(kind)}[/dim]", *cells, change)
    out.print(rules if diff.rules else _("No rule's outcome differs."))
    for meeting, lacking, lessons in ((right, left, diff.right_has), (left, right, diff.left_has)):
        out.print()
        out.print(f"[bold]What {escape(meeting.label)} has that {escape(lacking.label)} lacks[/bold] ({len(lessons)})")
        for lesson in lessons:
            out.print(lesson_line(lesson))
        if not lessons:
            out.print(" " + _("Nothing."))
    if diff.same_jurisdiction:
        out.print()
        facts = Table(title=f"Facts changed ({len(diff.facts_changed)})", title_justify="left")
        for column in (_("Fact"), left.label, right.label, _("Sources")):
            facts.add_column(escape(column), overflow="fold")
        for c in diff.facts_changed:
            values = [
                _("not recorded")
                if e is None
                else escape(fmt_value(e.value)) + (f"\n[dim]{escape(e.provision)}[/dim]" if e.provision else "")
                for e in (c.left, c.right)
            ]
            facts.add_row(c.fact, *values, escape(", ".join(s.id for s in c.sources)))
        out.print(facts if diff.facts_changed else _("No fact changed."))
    out.print()
    out.print(f"[bold]{escape(_('Data quality'))}[/bold]")
    for side in (left, right):
        if side.evidence_basis:
            out.print(f" {escape(side.label)}: {escape(basis_line(side.evidence_basis, lang))}")
    for side in [left] if diff.same_jurisdiction else [left, right]:
        if side.data_quality:
            notes = "; ".join(f"{n.count} {n.code}" for n in side.data_quality)
            whose = "the profile" if diff.same_jurisdiction else side.label
            out.print(f" audit check warns about {escape(whose)}: {escape(notes)} (details on standard error)")
    return recorded(out)


def render_trend(trend: Trend, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """The trend: scores per date, the changes, and a compact rule x date grid of symbols."""
    _ = lang.gettext
    out = console(color, width)
    j = trend.jurisdiction
    out.print(
        f"[bold]{escape(lang.country(j.iso2, j.name))}[/bold] ({j.iso2}/{j.iso3}) · "
        + escape(
            _("law from %(start)s to %(end)s") % {"start": lang.date(trend.start), "end": lang.date(trend.end)}
            + " · "
            + lang.ngettext("%(num)s point", "%(num)s points", len(trend.points)) % {"num": len(trend.points)}
        )
        + f" · {escape(_('rulebook'))} {escape(trend.rulebook_version)}"
    )
    out.print()
    scores = Table(title=_("Scores over time (indicative)"), title_justify="left")
    columns = (N_("Date"), *(PILLAR_LABELS[p] for p in PILLARS), N_("Overall"), N_("Coverage"))
    for column in columns:
        scores.add_column(_(column), justify="left" if column == "Date" else "right")
    for point in trend.points:
        s = point.scores
        scores.add_row(
            point.date.isoformat(),
            *(score_text(p.score) for p in s.pillars),
            score_text(s.overall.score),
            pct(s.overall.coverage, lang),
        )
    out.print(scores)
    out.print(f"[dim]{escape(_(DISCLAIMER))}[/dim]")
    out.print()
    out.print(f"[bold]{escape(_('Changes'))}[/bold] ({len(trend.changes)})")
    for c in trend.changes:
        provisions = "; ".join(dict.fromkeys(f.right.provision for f in c.facts if f.right and f.right.provision))
        out.print(
            f" {c.date}: {c.rule} {outcome_cell(c.from_, lang)} → {outcome_cell(c.to, lang)}"
            + (f" [dim]{escape(provisions)}[/dim]" if provisions else "")
        )
    if not trend.changes:
        out.print(" " + _("No rule's outcome changed."))
    out.print()
    grid = Table(title=_("Outcomes by date (point number: date below)"), title_justify="left")
    grid.add_column(_("Rule"), overflow="fold")
    for index, _point in enumerate(trend.points, 1):
        grid.add_column(str(index), justify="center")
    for r in trend.rules:
        grid.add_row(
            r.rule,
            *(f"[{OUTCOME_COLOURS[p.outcomes[r.rule]]}]{OUTCOME_SYMBOLS[p.outcomes[r.rule]]}[/]" for p in trend.points),
        )
    out.print(grid)
    out.print(" ".join(f"{i}={p.date}" for i, p in enumerate(trend.points, 1)))
    out.print(" ".join(f"{sym} {_(OUTCOME_LABELS[o])}" for o, sym in OUTCOME_SYMBOLS.items()))
    return recorded(out)


def lesson_line(lesson: Lesson) -> str:
    """One rule the meeting side meets, with its provisions and sources."""
    provisions = "; ".join(lesson.provisions) or "no provision recorded"
    sources = f" Sources: {'; '.join(s.title for s in lesson.sources)}." if lesson.sources else ""
    return (
        f" • {lesson.rule} [dim]({lesson.severity}; {outcome_label(lesson.lacking).lower()} on the other side)[/dim]:"
        f" {escape(lesson.title)}. {escape(provisions)}.[dim]{escape(sources)}[/dim]"
    )


def render_listing(
    summaries: list[JurisdictionSummary], color: bool = False, width: int = 100, lang: Language = ENGLISH
) -> str:
    """``audit list``: one row per jurisdiction with review date, evidence coverage and overall score."""
    _ = lang.gettext
    out = console(color, width)
    if not summaries:
        out.print(_("No jurisdiction profiles in the data."))
        return recorded(out)
    count = lang.ngettext("%(num)s jurisdiction", "%(num)s jurisdictions", len(summaries)) % {"num": len(summaries)}
    table = Table(title=f"{count}, {_('law as of')} {lang.date(summaries[0].as_of)}", title_justify="left")
    for column in (N_("Id"), N_("Name"), N_("ISO"), N_("Last reviewed"), N_("Coverage"), N_("Score"), N_("Range")):
        table.add_column(_(column), justify="right" if column in ("Coverage", "Score", "Range") else "left")
    for s in summaries:
        reviewed = s.last_reviewed.isoformat()
        span = span_text(s.score_low, s.score_high)
        point = score_text(s.score) if s.score is not None or s.score_low is None else _("insufficient")
        table.add_row(
            s.id,
            escape(lang.country(s.iso2, s.name)),
            f"{s.iso2}/{s.iso3}",
            reviewed,
            pct(s.coverage, lang),
            point,
            span,
        )
    out.print(table)
    coverage_note = lang.gettext("Coverage: share of applicable rules with a known outcome.")
    out.print(f"[dim]{escape(coverage_note)} {escape(score_note(lang))} {escape(lang.gettext(DISCLAIMER))}[/dim]")
    return recorded(out)


def render_overview(overview: Overview, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """Scores of every jurisdiction as one table."""
    _ = lang.gettext
    out = console(color, width)
    count = len(overview.jurisdictions)
    jurisdictions = lang.ngettext("%(num)s jurisdiction", "%(num)s jurisdictions", count) % {"num": count}
    indicative = _("indicative scores")
    table = Table(
        title=f"{jurisdictions}, {_('law as of')} {lang.date(overview.as_of)} ({indicative})",
        title_justify="left",
    )
    columns = (N_("Jurisdiction"), N_("ISO"), *[PILLAR_LABELS[p] for p in PILLARS], N_("Overall"), N_("Range"))
    for column in (*columns, N_("Coverage")):
        table.add_column(_(column), justify="left" if column in ("Jurisdiction", "ISO") else "right")
    for row in overview.jurisdictions:
        scores = [point_text(s) for s in [*row.pillars, row.overall]]
        marker = "" if row.overall.sufficient else " *"
        table.add_row(
            escape(row.name) + marker, row.iso3, *scores, range_text(row.overall), pct(row.overall.coverage, lang)
        )
    out.print(table)
    insufficient = lang.gettext("* insufficient evidence: listed last, range only.")
    out.print(f"[dim]{escape(insufficient)} {escape(score_note(lang))}[/dim]")
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


# --- the rulebook: `audit rules list | show | test` ---------------------------------


def render_rules_list(rules: RuleList, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit rules list``: one table per pillar (the standards each rule cites are in json, md and show)."""
    _ = lang.gettext
    out = console(color, width)
    count = lang.ngettext("%(num)s rule", "%(num)s rules", len(rules.rules)) % {"num": len(rules.rules)}
    out.print(f"[bold]{escape(count)}[/bold] · {escape(_('rulebook'))} {escape(rules.rulebook_version)}")
    for pillar in PILLARS:
        group = [r for r in rules.rules if r.pillar == pillar]
        if not group:
            continue
        table = Table(title=f"{_(PILLAR_LABELS[pillar])} ({len(group)})", title_justify="left")
        table.add_column(_("Rule"), no_wrap=True)
        table.add_column(_("Severity"))
        table.add_column(_("Obligation"))
        table.add_column(_("Title"))
        for r in group:
            table.add_row(r.id, _(SEVERITY_LABELS[r.severity]), _(OBLIGATION_LABELS[r.obligation]), escape(r.title))
        out.print()
        out.print(table)
    note = _(
        "Obligation: the most the rule asks where its instruments bind; an audit derives it per jurisdiction "
        "and date. `audit rules show ID` lists a rule's standards and articles."
    )
    out.print(f"[dim]{escape(note)}[/dim]")
    return recorded(out)


def render_rule_page(page: RulePage, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit rules show``: one rule's page with the fixed sections of :data:`RULE_SECTIONS`."""
    out = console(color, width)
    rule = page.rule

    def code(path: str) -> str:
        return f"[cyan]{escape(path)}[/cyan]"

    standards = [
        "• [bold]"
        + escape(cite(page.instruments[c.instrument].short, page.instruments[c.instrument].parts, c.article, lang))
        + f"[/bold] ({c.strength}"
        + (f"; inserted by {escape(page.instruments[c.inserted_by].short)}" if c.inserted_by else "")
        + ")"
        + (f": {escape(c.note)}" if c.note else "")
        for c in rule.citations
    ]
    standards += [
        f"[dim]{escape(i.short)} ({i.id}): {escape(i.title)}{' · ' + escape(i.url) if i.url else ''}[/dim]"
        for i in page.instruments.values()
    ]
    recommendation = [
        f"Graded '{page.verb}' ({rule.obligation}). "
        "Template (variables: jurisdiction, provision, missing, missing_elements):",
        f"[italic]{escape(rule.recommendation)}[/italic]",
    ]
    bodies = [
        [escape(rule.summary)],
        [escape(rule.rationale)],
        standards,
        binding_lines(rule, page.instruments, code, escape),
        ["• " + line for line in decision_lines(rule, code, escape)],
        recommendation,
        _example_lines(rule, code),
    ]
    out.print(f"[bold]{rule.id}[/bold]: {escape(rule.title)}")
    severity, obligation = (
        lang.gettext(SEVERITY_LABELS[rule.severity]),
        lang.gettext(OBLIGATION_LABELS[rule.obligation]),
    )
    out.print(
        f"[dim]{pillar_word(rule.pillar, lang)} · {severity} · {obligation} · {page.file} · "
        f"{lang.gettext('rulebook')} {escape(page.rulebook_version)}[/dim]"
    )
    for heading, lines in zip(RULE_SECTIONS, bodies, strict=True):
        out.print()
        out.print(f"[bold]{escape(lang.gettext(heading))}[/bold]")
        for line in lines:
            out.print(Padding(Text.from_markup(line), (0, 0, 0, 2), expand=False))
    # Padding fills wrapped lines to the width; drop that so piped pages diff cleanly.
    return "".join(line.rstrip() + "\n" for line in recorded(out).splitlines())


def _example_lines(rule: Rule, code: Callable[[str], str]) -> list[str]:
    if not rule.examples:
        return ["The rule has no examples."]
    example = rule.examples[0]
    lines = [
        f"{escape(example.name)}, as of {example.as_of or EXAMPLE_DAY}: expects "
        f"[{OUTCOME_COLOURS[example.expect]}]{outcome_label(example.expect)}[/]"
    ]
    lines += [f"  {code(path)}: {escape(value_text(value))}" for path, value in example.facts.items()]
    if not example.facts:
        lines.append("  No facts recorded: every fact is unknown.")
    lines.append(f"{len(rule.examples)} example(s) in all; `audit rules test --rule {rule.id}` runs them.")
    return lines


def render_rule_tests(report: RuleTestReport, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit rules test``: each failing example with rule, example and both outcomes, then the summary."""
    out = console(color, width)
    for r in report.failures:
        where = f"{escape(str(r.position))}: rule '{r.rule}', example '{escape(r.name)}'"
        if r.error is not None:
            out.print(f"[red]INVALID[/red] {where}: {escape(r.error)}", soft_wrap=True)
        else:
            out.print(f"[red]FAIL[/red] {where}: expected {r.expect}, got {r.actual}", soft_wrap=True)
    for gap in report.gaps:
        out.print(
            f"[yellow]warning[/yellow] {escape(gap.path)}:{gap.line}:{gap.col}: rule '{gap.rule}' has no example "
            f"expecting {', '.join(gap.missing)}",
            soft_wrap=True,
        )
    style = "red" if report.failed else "green"
    out.print(
        f"[{style}]{report.passed} passed, {report.failed} failed[/{style}] "
        f"({len(report.results)} examples of {report.rules} rules, rulebook {escape(report.rulebook_version)})",
        soft_wrap=True,
    )
    return recorded(out)


def render_coverage(report: CoverageReport, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit rules coverage``: the counts per instrument, then each provision with its rules or reason."""
    out = console(color, width)
    version = escape(report.rulebook_version)
    out.print(f"[bold]Coverage of the treaties[/bold] · rulebook {version}, {report.rule_count} rules")
    for counts in report.instruments:
        out.print()
        out.print(
            f"[bold]{escape(counts.short)}[/bold] ({counts.instrument}): {counts.provisions} provisions, "
            f"{counts.mandatory} mandatory: {counts.mandatory_covered} assessed by rules, "
            f"{counts.mandatory_reason} not assessed with a reason, "
            + (f"[red]{counts.mandatory_uncovered} uncovered[/red]" if counts.mandatory_uncovered else "0 uncovered")
            + f"; {counts.rules} rules",
            soft_wrap=True,
        )
        table = Table(title_justify="left")
        for column in ("Art.", "Wording", "Strength", "Assessed by"):
            table.add_column(column, no_wrap=column != "Assessed by")
        for p in report.provisions:
            if p.instrument != counts.instrument:
                continue
            if p.rules:
                answer = ", ".join(p.rules)
            elif p.not_assessed is not None:
                answer = f"[dim]not assessed: {escape(p.not_assessed)}[/dim]"
            else:
                answer = "[red]uncovered[/red]" if p.mandatory else "[dim]uncovered[/dim]"
            wording = p.wording + (" (qualified)" if p.qualifier else "")
            table.add_row(escape(p.article), wording, p.strength or "none", answer)
        out.print(table)
    out.print("[dim]`--format md` adds each provision's note and the rules that only cite it.[/dim]")
    return recorded(out)


def _shift(status: str | None, obligation: str | None) -> str:
    return "(no rule)" if status is None else f"{outcome_label(status)} ({obligation})"


def render_rules_diff(diff: RulesDiff, color: bool = False, width: int = 100, lang: Language = ENGLISH) -> str:
    """``audit rules diff REV``: the rules added, removed and changed, then the findings they move per profile."""
    out = console(color, width)
    out.print(
        f"[bold]Rules since {escape(diff.revision)}[/bold]: rulebook {escape(diff.rulebook_before)} "
        f"({diff.rules_before} rules) -> {escape(diff.rulebook_after)} ({diff.rules_after} rules); "
        f"findings as of {diff.as_of.isoformat()}",
        soft_wrap=True,
    )
    counts = {kind: sum(1 for c in diff.rules if c.change == kind) for kind in ("added", "removed", "changed")}
    out.print(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed")
    for change in diff.rules:
        line = f"  {change.change:<8} {change.rule}"
        if change.aspects:
            line += f": {', '.join(change.aspects)}"
        if change.obligation_before != change.obligation_after and change.change == "changed":
            line += f" (obligation {change.obligation_before} -> {change.obligation_after})"
        if change.citations_added:
            line += f"; cites now {', '.join(change.citations_added)}"
        if change.citations_removed:
            line += f"; no longer cites {', '.join(change.citations_removed)}"
        out.print(escape(line), soft_wrap=True)
    out.print()
    out.print("[bold]Findings that move[/bold] (profile held fixed; changed / from added rules / from removed rules)")
    for profile in diff.profiles:
        out.print(
            f"{escape(profile.name)} ({profile.jurisdiction}): {profile.changed} changed, {profile.added} added, "
            f"{profile.removed} removed",
            soft_wrap=True,
        )
        for shift in profile.findings:
            if shift.status_before is None or shift.status_after is None:
                continue  # findings of added and removed rules are counted, not listed
            out.print(
                f"  {shift.rule}: {_shift(shift.status_before, shift.obligation_before)} -> "
                f"{_shift(shift.status_after, shift.obligation_after)}",
                soft_wrap=True,
            )
    for note in diff.notes:
        out.print(f"[dim]{escape(note)}[/dim]")
    return recorded(out)
