"""The rulebook in another language, its recommendation templates checked like the English ones.

The loader (:mod:`trafficking_audit.load.translations`) checks the file's shape; this layer owns the
template language, so it checks each translated recommendation: whitelisted syntax, as for every
template, and exactly the variables of the English template it translates. Problems are reported at
the translation's position, all at once (exit 2).
"""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.engine.rule_template import TemplateProblem, check_syntax, variables
from trafficking_audit.errors import InputError, InputErrors
from trafficking_audit.load.loader import Rulebook
from trafficking_audit.load.translations import Translation, load_translation, translated


def template_problems(book: Rulebook, translation: Translation) -> list[InputError]:
    """Every translated recommendation that is not a valid template or reads other variables than the English."""
    problems = []
    for rule in book.rules:
        entry = translation.entries.get(("rules", rule.id, "recommendation"))
        if entry is None:
            continue
        try:
            check_syntax(entry.text)
        except TemplateProblem as exc:
            problems.append(
                InputError(f"translated recommendation of '{rule.id}': {exc}", entry.position, "bad-template")
            )
            continue
        english, own = variables(rule.recommendation), variables(entry.text)
        if english != own:
            shown = ", ".join(sorted(english)) or "none"
            problems.append(
                InputError(
                    f"translated recommendation of '{rule.id}' reads {', '.join(sorted(own)) or 'no variable'};"
                    f" the English template reads {shown} (a translation must use exactly the same variables)",
                    entry.position,
                    code="translation-variables",
                )
            )
    return problems


def localised_rulebook(book: Rulebook, rules_dir: Path, lang: str) -> Rulebook:
    """``book`` with the texts of ``lang`` from ``rules/translations/<lang>.yaml`` (English where it has none)."""
    translation = load_translation(rules_dir, lang, book)
    problems = template_problems(book, translation)
    if problems:
        raise InputErrors(problems)
    return translated(book, translation)
