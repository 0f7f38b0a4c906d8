"""`audit rules test`: every rule's examples run; a wrong expectation fails naming rule, example and outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trafficking_audit.engine.examples import example_profile, facts_tree, run_examples, run_rule_tests
from trafficking_audit.errors import InputError
from trafficking_audit.load.loader import load_rulebook

FIXTURE_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"


def test_bundled_rules_have_at_least_three_examples_each(session) -> None:
    thin = [rule.id for rule in session.rulebook.rules if len(rule.examples) < 3]
    assert thin == []


def test_bundled_examples_all_pass(cli, session) -> None:
    result = cli("rules", "test")
    assert result.exit_code == 0, result.stdout + result.stderr
    examples = sum(len(rule.examples) for rule in session.rulebook.rules)
    assert f"{examples} passed, 0 failed" in result.stdout


def test_wrong_expectation_fails_naming_rule_example_and_outcomes(cli, rule_data) -> None:
    result = cli("rules", "test", "--data", rule_data("wrong-expect.yaml"))
    assert result.exit_code == 1
    assert "2 passed, 1 failed" in result.stdout
    failure = next(line for line in result.stdout.splitlines() if line.startswith("FAIL"))
    assert "wrong-expect.yaml:17:9" in failure
    assert "rule 'offence-in-statute'" in failure
    assert "example 'no offence but expects met'" in failure
    assert "expected met, got not_met" in failure


def test_wrong_expectation_as_json(cli, rule_data) -> None:
    result = cli("rules", "test", "--data", rule_data("wrong-expect.yaml"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["passed"], report["failed"]) == (2, 1)
    failed = [r for r in report["results"] if not r["passed"]]
    assert [(r["rule"], r["name"], r["expect"], r["actual"]) for r in failed] == [
        ("offence-in-statute", "no offence but expects met", "met", "not_met")
    ]


def test_selecting_a_rule_runs_only_its_examples(cli) -> None:
    result = cli("rules", "test", "--data", FIXTURE_DATA, "--rule", "reflection-period-30d")
    assert result.exit_code == 0, result.stdout
    assert "3 passed, 0 failed" in result.stdout


def test_unknown_rule_is_a_usage_error_with_suggestion(cli) -> None:
    result = cli("rules", "test", "--data", FIXTURE_DATA, "--rule", "reflection-period")
    assert result.exit_code == 2
    assert "did you mean: reflection-period-30d" in result.stderr


def test_invalid_example_value_is_positioned_and_exits_2(cli, rule_data) -> None:
    result = cli("rules", "test", "--data", rule_data("bad-example.yaml"))
    assert result.exit_code == 2
    line = next(line for line in result.stdout.splitlines() if line.startswith("INVALID"))
    assert "bad-example.yaml:23:11:" in line
    assert "example 'written in words'" in line and "reflection_period_days" in line


def test_example_profile_raises_a_positioned_input_error(rule_data) -> None:
    book = load_rulebook(rule_data("bad-example.yaml") / "rules")
    with pytest.raises(InputError) as caught:
        example_profile(book, book.get("reflection-days"), 1)
    assert caught.value.position is not None and caught.value.position.line == 23
    assert caught.value.message.startswith("rule 'reflection-days', example 'written in words': ")


def test_gaps_list_outcomes_no_example_expects() -> None:
    book = load_rulebook(FIXTURE_DATA / "rules")
    gaps = {gap.rule: gap.missing for gap in run_rule_tests(book).gaps}
    # reflection-period-30d can be partially met but has no such example; eu-only has no examples at all.
    assert gaps["reflection-period-30d"] == ["partially_met"]
    assert gaps["eu-only"] == ["met", "not_met", "unknown", "not_applicable"]
    assert "means-core-elements" not in gaps


def test_examples_are_evaluated_on_their_own_date(tmp_path: Path) -> None:
    book = load_rulebook(FIXTURE_DATA / "rules")
    outcomes = [(r.name, r.actual) for r in run_examples(book, [book.get("means-core-elements")])]
    assert outcomes == [
        ("met", "met"),
        ("partial", "partially_met"),
        ("aggravating", "not_met"),
        ("unknown", "unknown"),
    ]


def test_facts_tree_nests_dotted_paths() -> None:
    tree = facts_tree(
        {"offence.exists": True, "offence.penalties.basic.max_years": 8, "treaties.cets-197.status": "party"}
    )
    assert tree == {
        "offence": {"exists": {"value": True}, "penalties": {"basic": {"max_years": {"value": 8}}}},
        "treaties": {"cets-197": {"status": {"value": "party"}}},
    }
