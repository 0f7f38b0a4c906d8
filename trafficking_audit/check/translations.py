"""``audit check`` on the rulebook's texts in other languages: shape, templates, and gaps.

A malformed file or a translated recommendation with other variables than the English is an error
(reports in that language refuse it, exit 2). A text that is missing, or was made from an English
text that has changed since (its ``en`` hash differs), is a warning: reports show the English in its
place, so the findings stay right, but a reader of that language meets English.
"""

from __future__ import annotations

from pathlib import Path

from trafficking_audit.check.problems import at, from_error
from trafficking_audit.errors import InputError, Position, display_path
from trafficking_audit.load.data import DataLocation
from trafficking_audit.load.loader import load_rulebook
from trafficking_audit.load.translations import read_translation, translation_gaps
from trafficking_audit.load.yamlsource import load_yaml
from trafficking_audit.models.check import Problem


def check_translation(path: Path, location: DataLocation) -> list[Problem]:
    """The problems of one file of rule texts against the data's rulebook (none when the rulebook does not
    load: its own files report that)."""
    try:
        book = load_rulebook(location.rules)
    except InputError:
        return []
    shown = display_path(path)
    try:
        translation = read_translation(load_yaml(path), book)
    except InputError as exc:
        return from_error(exc, shown)
    # Imported when a translation is checked: the template language is not loaded for a profile alone.
    from trafficking_audit.engine.translation import template_problems

    problems = [at(e.position or Position(shown), e.message, e.code) for e in template_problems(book, translation)]
    for gap in translation_gaps(book, translation):
        position = gap.position or Position(shown, 1, 1)
        problems.append(at(position, f"{translation.lang}: {gap.message}", gap.code))
    return problems
