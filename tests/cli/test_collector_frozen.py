"""A command runs with the objects made before it frozen out of the garbage collector's sight, and gives them
back after (cli/common.start_up_frozen): a test process running many commands must not keep its garbage."""

from __future__ import annotations

import gc

from trafficking_audit.cli.common import guarded, start_up_frozen


def test_objects_are_frozen_during_a_command_and_given_back_after() -> None:
    seen: list[int] = []

    @guarded
    def command() -> None:
        seen.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    command()
    assert seen and seen[0] > 0
    assert gc.get_freeze_count() == 0


def test_given_back_when_the_command_fails() -> None:
    try:
        with start_up_frozen():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


def test_a_collector_frozen_by_the_caller_stays_frozen() -> None:
    """A preloading server freezes what it imported before forking; the command must not undo that."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with start_up_frozen():
            pass
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
