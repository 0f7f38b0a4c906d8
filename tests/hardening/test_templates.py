"""Recommendation templates are data: every refused or failing template is a positioned error of
its rule file (exit 2), for every command that loads rules, within the time and memory limits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hardening.bounded import assert_input_error, audit
from trafficking_audit.engine import rule_template
from trafficking_audit.engine.recommend import check_template, render_template
from trafficking_audit.errors import InputError, Position
from trafficking_audit.models.rule import Rule

HERE = Path(__file__).resolve().parent
BAD = HERE.parent / "fixtures" / "bad" / "rules"
DATA = HERE.parent / "fixtures" / "data"
TEMPLATES = sorted(p.name for p in BAD.glob("template-*.yaml"))
COMMANDS = {
    "run": ("run", "ruritania"),
    "check": ("check",),
    "rules test": ("rules", "test"),
    "rules show": ("rules", "show", "bad-rule"),
}


@pytest.fixture(scope="module")
def data_with(tmp_path_factory):
    def make(name: str) -> Path:
        folder = tmp_path_factory.mktemp("data")
        shutil.copytree(DATA, folder, dirs_exist_ok=True)
        shutil.copy(BAD / name, folder / "rules" / "zz-bad.yaml")
        return folder

    return make


# Templates within the whitelist that fail only when rendered with some values (the trial values every rule file
# is checked with). `audit check` and the `audit rules` commands try them on every rule; an audit compiles and
# renders a template only when a finding needs its text, so it fails on them only when its finding does.
FAIL_WHEN_RENDERED = {"template-empty-list.yaml": ("freedonia", "ruritania")}  # -> (fails there, not needed there)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", TEMPLATES)
def test_bad_template_is_an_error_of_the_rule_file(data_with, tmp_path: Path, name: str, command: str) -> None:
    folder = data_with(name)
    if command == "run" and name in FAIL_WHEN_RENDERED:
        needed, unneeded = FAIL_WHEN_RENDERED[name]
        for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # off, then on: a miss, then a hit
            done = audit("run", unneeded, "--data", folder, cwd=folder, cache=cache)
            assert done.returncode == 0, done.stderr[-2000:]  # its finding is met: no recommendation to write
            done = audit("run", needed, "--data", folder, cwd=folder, cache=cache)  # no fact missing: `first` fails
            line = assert_input_error(done, "recommendation template failed")
            assert ":13:5: " in line and "zz-bad.yaml" in line, line
        return
    done = audit(*COMMANDS[command], "--data", folder, cwd=folder)
    if command == "check":  # check lists problems (exit 1), one per line, with the rule file's position
        assert done.returncode == 1, done.stderr[-2000:]
        assert "Traceback" not in done.stderr
        assert "rules/zz-bad.yaml:13:5" in done.stdout and "bad-template" in done.stdout, done.stdout
        return
    line = assert_input_error(done, "recommendation template failed")
    assert ":13:5: " in line and "zz-bad.yaml" in line, line


def _rule(template: str) -> Rule:
    return Rule.model_validate(
        {
            "id": "r",
            "title": "t",
            "pillar": "prevention",
            "severity": "low",
            "obligation": "should",
            "citations": [{"instrument": "untoc", "article": "31", "strength": "soft"}],
            "summary": "s",
            "rationale": "r",
            "met": {"fact": "prevention.hotline", "is": True},
            "recommendation": template,
        }
    )


@pytest.mark.parametrize(
    "template",
    [
        "Amend {{ provision or 'the law' }}.",
        "{% if provision %}Amend {{ provision }}{% else %}Adopt a law{% endif %}.",
        "Add {% for m in missing %}{{ m }}{% if not loop.last %}, {% endif %}{% endfor %}.",
        "Add {{ missing | join(', ') | upper }} in {{ jurisdiction | title }}{{ ' now' if missing | length > 1 }}.",
    ],
)
def test_the_whitelist_keeps_what_recommendations_need(template: str) -> None:
    assert check_template(_rule(template)) is None


def test_a_render_failure_during_an_audit_is_positioned_at_the_template() -> None:
    rule = _rule("{% for m in missing %}{{ provision }}{% endfor %}")
    assert check_template(rule) is None  # short trial values pass
    rule.locate_recommendation(lambda: Position("rules/x.yaml", 7, 5))
    long_provision = "p" * 100_000
    with pytest.raises(InputError) as raised:
        render_template(rule, "Ruritania", long_provision, ["a", "b", "c"])
    assert str(raised.value).startswith("rules/x.yaml:7:5: ")
    assert f"longer than {rule_template.MAX_OUTPUT} characters" in str(raised.value)
    assert raised.value.code == "bad-template"
