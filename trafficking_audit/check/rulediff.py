"""``audit rules diff REV``: the rules added, removed and changed since a git revision, and the findings they move.

The rule files at the revision come out of git the way ``audit check --base`` gets old profiles
(:mod:`.gitbase`), are written to a temporary folder and loaded with the current loader, so both
rulebooks are read by the same code. Every bundled profile (as it is now) is then audited on one
date with each rulebook, and the findings whose outcome or obligation differs are kept: the profile
is held fixed, so what moves is the effect of the rule change alone.

One retired field is not simply dropped: ``binding_if``, by which a rule once said by hand whom it bound
(the finding was good practice wherever the condition was not true). Leaving it out would credit the old
rulebook with the treaty-derived obligations of the new engine and hide exactly the obligation changes its
removal made (e.g. ``compensation`` for a Palermo party outside Europe), so the old side applies it as the
old engine did.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError

from trafficking_audit.check import gitbase
from trafficking_audit.engine.conditions import Reading, truth
from trafficking_audit.engine.evaluate import evaluate
from trafficking_audit.errors import InputError, real_path
from trafficking_audit.load.data import DataLocation
from trafficking_audit.load.loader import Rulebook, load_rulebook
from trafficking_audit.models.profile import Profile
from trafficking_audit.models.result import Finding
from trafficking_audit.models.rule import Condition, Rule
from trafficking_audit.models.rulediff import FindingShift, ProfileShifts, RuleChange, RulesDiff

# Fields of a rule that decide its outcome: a change in any of them is a change of "condition".
CONDITION_FIELDS = ("met", "partially_met", "applies_if", "not_applicable_reason", "binding_if")

# The retired rule field that graded a finding good practice wherever its condition was not true.
BINDING_IF = "binding_if"


def retired_binding(dropped: dict[str, list[str]], conditions: dict[str, Any]) -> dict[str, Condition]:
    """The old rules' ``binding_if`` conditions that still parse as conditions, by rule id.

    One that does not parse as a condition of today's schema is named in ``dropped`` under
    ``binding_if (not applied)`` instead, so the report says the old side could not honour it.
    """
    parsed: dict[str, Condition] = {}
    for rule_id, raw in conditions.items():
        try:
            parsed[rule_id] = Condition.model_validate(raw)
        except ValidationError:
            dropped.setdefault(f"{BINDING_IF} (not applied)", []).append(rule_id)
    return parsed


def rulebook_at(
    location: DataLocation,
    revision: str,
    dropped: dict[str, list[str]] | None = None,
    retired: dict[str, Any] | None = None,
) -> Rulebook:
    """The rulebook as the data folder's rule files stood at ``revision``.

    Fields of a rule that the current rule schema no longer has (``binding_if``, removed when obligations
    came to be computed from the citations that bind) are left out so that old files load; ``dropped``
    collects them, field -> rule ids, for the report's notes, and ``retired`` the raw ``binding_if``
    conditions, rule id -> condition, for :func:`retired_binding`.
    """
    dropped = {} if dropped is None else dropped
    retired = {} if retired is None else retired
    root = gitbase.repository_root(location.rules, flag="rules diff")
    gitbase.verify_revision(root, revision, flag="rules diff")
    names = [
        name
        for name in gitbase.files_at(root, revision, location.rules)
        if PurePosixPath(name).suffix in (".yaml", ".yml")
        and PurePosixPath(name).parent == PurePosixPath(_relative(root, location.rules))
    ]
    with tempfile.TemporaryDirectory(prefix="audit-rules-") as folder:
        for name in names:
            content = gitbase.show(root, revision, name)
            if content is not None:
                (Path(folder) / PurePosixPath(name).name).write_bytes(_current_fields(content, dropped, retired))
        if not (Path(folder) / "rulebook.yaml").is_file():
            raise InputError(
                f"rules diff {revision}: no rulebook.yaml in the rule folder at that revision", code="usage"
            )
        try:
            return load_rulebook(Path(folder))
        except InputError as exc:
            raise InputError(
                f"rules diff {revision}: the rules at that revision do not load: {exc}", code="usage"
            ) from None


def _current_fields(content: bytes, dropped: dict[str, list[str]], retired: dict[str, Any]) -> bytes:
    """A rule file's text without the rule fields the current schema does not know (other files unchanged)."""
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return content  # the loader reports it, with its position
    if not (isinstance(data, dict) and isinstance(data.get("rules"), list)):
        return content
    known = {field.alias or name for name, field in Rule.model_fields.items()}
    changed = False
    for rule in data["rules"]:
        if not isinstance(rule, dict):
            continue
        for key in [k for k in rule if k not in known]:
            if key == BINDING_IF:
                retired[str(rule.get("id"))] = rule[key]
            del rule[key]
            dropped.setdefault(str(key), []).append(str(rule.get("id")))
            changed = True
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode() if changed else content


def _relative(root: Path, folder: Path) -> str:
    base, target = real_path(root), real_path(folder)
    return "." if base == target else target.relative_to(base).as_posix()


def rule_changes(before: Rulebook, after: Rulebook) -> list[RuleChange]:
    """Rules changed or added (in current rulebook order), then rules removed (in their old order)."""
    old = {rule.id: rule for rule in before.rules}
    new_ids = {rule.id for rule in after.rules}
    changes = []
    for rule in after.rules:
        previous = old.get(rule.id)
        if previous is None:
            changes.append(
                RuleChange(rule=rule.id, title=rule.title, change="added", obligation_after=_obligation(rule))
            )
            continue
        aspects, added, removed = _compare(previous, rule)
        if aspects:
            changes.append(
                RuleChange(
                    rule=rule.id,
                    title=rule.title,
                    change="changed",
                    aspects=aspects,
                    obligation_before=_obligation(previous),
                    obligation_after=_obligation(rule),
                    citations_added=added,
                    citations_removed=removed,
                )
            )
    for rule in before.rules:
        if rule.id not in new_ids:
            changes.append(
                RuleChange(rule=rule.id, title=rule.title, change="removed", obligation_before=_obligation(rule))
            )
    return changes


def _obligation(rule: Rule) -> str | None:
    value = rule.model_dump().get("obligation")
    return None if value is None else str(value)


def _citation(citation: dict[str, Any]) -> str:
    return f"{citation['instrument']} {citation['article']}"


def _compare(before: Rule, after: Rule) -> tuple[list[str], list[str], list[str]]:
    """What differs between two versions of a rule: aspects, citations added, citations removed."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    aspects: list[str] = []
    if any(old.get(name) != new.get(name) for name in CONDITION_FIELDS):
        aspects.append("condition")
    if old.get("obligation") != new.get("obligation"):
        aspects.append("obligation")
    if old.get("citations") != new.get("citations"):
        aspects.append("citations")
    skip = {*CONDITION_FIELDS, "obligation", "citations"}
    aspects.extend(name for name in sorted({*old, *new} - skip) if old.get(name) != new.get(name))
    old_cited = [_citation(c) for c in old.get("citations") or []]
    new_cited = [_citation(c) for c in new.get("citations") or []]
    added = [c for c in new_cited if c not in old_cited]
    removed = [c for c in old_cited if c not in new_cited]
    return aspects, added, removed


def _as_bound_then(finding: Finding, condition: Condition | None, profile: Profile, day: dt.date) -> Finding:
    """The old finding with the old rule's ``binding_if`` applied: good practice where it was not true."""
    if condition is None or truth(condition, Reading(profile, day)) is True:
        return finding
    return finding.model_copy(update={"obligation": "good-practice"})


def finding_shifts(
    profile: Profile,
    before: Rulebook,
    after: Rulebook,
    day: dt.date,
    old_binding: dict[str, Condition] | None = None,
) -> ProfileShifts:
    """The findings of ``profile`` on ``day`` that differ between the two rulebooks.

    ``old_binding`` holds the old rules' ``binding_if`` conditions (:func:`retired_binding`).
    """
    bound = old_binding or {}
    old = {
        rule.id: _as_bound_then(evaluate(rule, profile, day, before.instruments), bound.get(rule.id), profile, day)
        for rule in before.rules
    }
    new = {rule.id: evaluate(rule, profile, day, after.instruments) for rule in after.rules}
    shifts: list[FindingShift] = []
    counts = {"changed": 0, "added": 0, "removed": 0}
    order = [rule.id for rule in after.rules] + [rule.id for rule in before.rules if rule.id not in new]
    for rule_id in order:
        was, now = old.get(rule_id), new.get(rule_id)
        if was is not None and now is not None:
            if (was.status, was.obligation) == (now.status, now.obligation):
                continue
            counts["changed"] += 1
        else:
            counts["added" if was is None else "removed"] += 1
        shifts.append(
            FindingShift(
                rule=rule_id,
                status_before=was.status if was else None,
                status_after=now.status if now else None,
                obligation_before=was.obligation if was else None,
                obligation_after=now.obligation if now else None,
            )
        )
    return ProfileShifts(jurisdiction=profile.id, name=profile.name, findings=shifts, **counts)


def rules_diff(
    revision: str,
    before: Rulebook,
    after: Rulebook,
    profiles: Sequence[Profile],
    day: dt.date,
    dropped: dict[str, list[str]] | None = None,
    old_binding: dict[str, Condition] | None = None,
) -> RulesDiff:
    """The whole comparison: rule changes, and the findings they move in each profile (by profile id)."""
    notes = [
        f"{field}, no longer a field of rules, was left out of {len(ids)} rule(s) at {revision}: {', '.join(ids)}"
        + (
            f"; the findings at {revision} apply it as that rulebook did (good practice where its condition "
            "was not true)"
            if field == BINDING_IF and old_binding
            else ""
        )
        for field, ids in sorted((dropped or {}).items())
    ]
    return RulesDiff(
        notes=notes,
        revision=revision,
        as_of=day,
        rulebook_before=before.version,
        rulebook_after=after.version,
        rules_before=len(before.rules),
        rules_after=len(after.rules),
        rules=rule_changes(before, after),
        profiles=[finding_shifts(p, before, after, day, old_binding) for p in sorted(profiles, key=lambda p: p.id)],
    )
