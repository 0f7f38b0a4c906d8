"""The peer profiles (United States, Portugal, Qatar, Sweden): outcomes their sourced, dated facts must give.

Each test pins a finding that follows from a dated fact of the profile, so a change to the data that
moves it (a wrong start date, a lost source) fails here rather than passing unnoticed in a report.
"""

from __future__ import annotations

import json

PEERS = ("united-states", "portugal", "qatar", "sweden")


def statuses(result) -> dict[str, str]:
    assert result.exit_code == 0, result.stderr
    return {f["rule"]: f["status"] for f in json.loads(result.stdout)["findings"]}


def test_portugal_had_no_action_plan_before_resolution_81_2007(cli) -> None:
    before = statuses(cli("run", "portugal", "--as-of", "2007-03-01", "--format", "json"))
    after = statuses(cli("run", "portugal", "--as-of", "2007-07-01", "--format", "json"))
    assert before["national-action-plan"] == "not_met"
    assert after["national-action-plan"] == "met"


def test_portugal_plan_gap_between_the_fourth_and_fifth_plans(cli) -> None:
    assert (
        statuses(cli("run", "portugal", "--as-of", "2023-06-30", "--format", "json"))["national-action-plan"]
        == "not_met"
    )
    assert (
        statuses(cli("run", "portugal", "--as-of", "2025-06-30", "--format", "json"))["national-action-plan"] == "met"
    )
