"""Parsing ahead in a helper process (trafficking_audit.load.ahead): the same values, the same errors, no child
left behind, and the same reports with it and without it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from trafficking_audit.errors import InputError
from trafficking_audit.load import ahead
from trafficking_audit.load.data import DataLocation
from trafficking_audit.load.loader import ProfileIndex, load_profile, to_parse
from trafficking_audit.load.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "jurisdictions").glob("*.yaml"))


def _items(paths: list[Path]) -> list[tuple[str, str]]:
    return [(str(path), path.read_text(encoding="utf-8")) for path in paths]


def _gone(pid: int) -> bool:
    """Whether ``pid`` was reaped (no child of ours by that id)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the helpers forked during the test, and the number of documents they served (last item)."""
    pids: list[int] = []
    fork = os.fork

    def recording_fork() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(ahead.os, "fork", recording_fork)
    monkeypatch.delenv("TRAFFICKING_AUDIT_NO_AHEAD", raising=False)
    return pids


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose documents a helper served during the test."""
    found: list[str] = []
    document = ahead.Ahead.document

    def counting(self: ahead.Ahead, shown: str, text: str):
        parsed = document(self, shown, text)
        if parsed is not None:
            found.append(shown)
        return parsed

    monkeypatch.setattr(ahead.Ahead, "document", counting)
    return found


@pytest.fixture
def started(forks: list[int]):
    """Call :func:`ahead.start`, recording the pids it forks."""
    pids = forks

    def start(items: list[tuple[str, str]]) -> ahead.Ahead:
        found = ahead.start(items)
        assert found is not None
        return found

    start.pids = pids  # type: ignore[attr-defined]
    return start


def test_the_child_gives_the_values_the_parent_would_parse_in_any_order(started) -> None:
    items = _items(PROFILES)
    parsed = started(items)
    for shown, text in reversed(items):  # the last first: the earlier frames wait in memory
        document = parsed.document(shown, text)
        assert document is not None
        assert document.data == parse_yaml(text, shown).data
        assert document.text is text
        # Positions are found from the text on first use, as for a profile from the cache.
        assert document.positions == parse_yaml(text, shown, positions=True).positions
    assert _gone(started.pids[0])  # the last frame taken, the child was reaped


def test_waiting_for_the_child_this_process_parses_from_the_end(started, monkeypatch: pytest.MonkeyPatch) -> None:
    """When no frame is ready, the caller parses the last files the child has not reached itself: the same
    documents, in the order asked for, and the child is still stopped and reaped."""
    monkeypatch.setattr(ahead, "_ready", lambda _stream: False)
    stolen: list[str] = []
    real = ahead._parsed

    def recording(shown: str, text: str):
        stolen.append(shown)
        return real(shown, text)

    monkeypatch.setattr(ahead, "_parsed", recording)
    items = _items(PROFILES)
    parsed = started(items)
    for shown, text in items:
        document = parsed.document(shown, text)
        assert document is not None and document.text is text
        assert document.data == parse_yaml(text, shown).data
    # Never asked for yet, never the one the child parsed then: the caller took the files from the end.
    assert stolen and stolen == [shown for shown, _ in reversed(items)][: len(stolen)]
    assert len(stolen) < len(items)
    parsed.close()
    assert _gone(started.pids[0])


def test_a_file_taken_from_the_end_that_does_not_parse_is_left_to_the_caller(
    started, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "_ready", lambda _stream: False)
    bad = "id: x\nname: [unclosed\n" + "# padding\n" * 8000
    items = [*_items(PROFILES[:3]), ("bad.yaml", bad)]
    parsed = started(items)
    for shown, text in items[:3]:
        assert parsed.document(shown, text) is not None
    assert parsed.document("bad.yaml", bad) is None  # the caller parses it in its turn and reports the error
    parsed.close()


def test_another_text_or_file_is_not_served(started) -> None:
    items = _items(PROFILES[:3])
    parsed = started(items)
    shown, text = items[1]
    assert parsed.document(shown, text + "\n# edited\n") is None
    assert parsed.document(shown + ".other", text) is None
    assert parsed.document(shown, text) is not None
    parsed.close()


def test_a_file_the_child_cannot_parse_is_parsed_by_the_caller_with_its_error(started) -> None:
    bad = "id: x\nname: [unclosed\n" + "# padding\n" * 8000
    items = [("bad.yaml", bad), *_items(PROFILES[:2])]
    parsed = started(items)
    assert parsed.document("bad.yaml", bad) is None
    with pytest.raises(InputError) as alone:
        parse_yaml(bad, "bad.yaml")
    assert "YAML syntax error" in str(alone.value)
    for shown, text in items[1:]:
        document = parsed.document(shown, text)
        assert document is not None and document.data == parse_yaml(text, shown).data


def test_a_child_that_dies_leaves_the_rest_to_the_caller(started, monkeypatch: pytest.MonkeyPatch) -> None:
    def one_then_die(items, fd):  # the forked child runs this: one frame, then it ends
        body = ahead.pickle.dumps(parse_yaml(items[0][1], items[0][0]).data)
        os.write(fd, len(body).to_bytes(8, "big") + body[: len(body) // 2])
        os._exit(1)

    monkeypatch.setattr(ahead, "_parse_all", one_then_die)
    monkeypatch.setattr(ahead, "_ready", lambda _stream: True)  # always read from the child: never parse from the end
    items = _items(PROFILES[:3])
    parsed = started(items)
    assert all(parsed.document(shown, text) is None for shown, text in items)
    assert _gone(started.pids[0])


def test_closing_early_stops_and_reaps_the_child(started) -> None:
    parsed = started(_items(PROFILES))
    parsed.close()
    assert _gone(started.pids[0])
    parsed.close()  # twice is harmless


def test_it_is_not_used_when_it_cannot_help_or_is_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _items(PROFILES[:3])
    assert ahead.start(items[:1]) is None  # one file: nothing to overlap
    assert ahead.start([("small.yaml", "id: x\n")] * 5) is None  # too little text to pay for a fork
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_AHEAD", "1")
    assert ahead.start(items) is None


def _data(tmp_path: Path) -> DataLocation:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "jurisdictions", tmp_path / "jurisdictions")
    return DataLocation(tmp_path / "rules", tmp_path / "jurisdictions")


def test_every_profile_loads_the_same_with_the_helper_and_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int], served: list[str]
) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    location = _data(tmp_path)
    assert len(to_parse(location.profile_files())) == len(PROFILES)  # caches off: every file is parsed
    with_helper = ProfileIndex(location, ahead=ahead.start(to_parse(location.profile_files())))
    assert with_helper.ahead is not None
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_AHEAD", "1")
    alone = ProfileIndex(location)
    assert [p.profile for p in with_helper.all()] == [p.profile for p in alone.all()]
    assert len(served) == len(PROFILES) and _gone(forks[0])


def test_an_error_in_a_peer_is_the_same_with_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int], served: list[str]
) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    location = _data(tmp_path)
    broken = location.jurisdictions / "qatar.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nname:", "\nname: [", 1), encoding="utf-8")
    messages = []
    for switch in ("0", "1"):
        monkeypatch.setenv("TRAFFICKING_AUDIT_NO_AHEAD", switch)
        index = ProfileIndex(location)
        with pytest.raises(InputError) as found:
            index.all()
        messages.append(str(found.value))
        if switch == "0":  # the helper did run, served the files before the broken one and was stopped by the error
            assert index.ahead is not None and served and _gone(forks[0])
    assert messages[0] == messages[1] and "qatar.yaml" in messages[0]
    with pytest.raises(InputError) as alone:
        load_profile(broken)
    assert str(alone.value) == messages[0]


@pytest.mark.parametrize("argument", ["kazakhstan", "jurisdictions/uzbekistan.yaml"])
def test_a_report_made_afresh_is_the_same_with_the_helper_and_without(
    cli, monkeypatch: pytest.MonkeyPatch, forks: list[int], served: list[str], argument: str
) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    monkeypatch.chdir(ROOT)
    reports = []
    for switch in ("0", "1"):
        monkeypatch.setenv("TRAFFICKING_AUDIT_NO_AHEAD", switch)
        result = cli("run", argument, "--format", "json", "--as-of", "2026-11-28")
        assert result.exit_code == 0, result.stderr
        reports.append(result.stdout)
    assert reports[0] == reports[1]
    # The helper served the peers (the audited file given by path is parsed here, with its positions), and no
    # helper is left running or unreaped, although the file given by path was never taken from it.
    assert len(served) >= len(PROFILES) - 1
    assert forks and all(_gone(pid) for pid in forks)


@pytest.mark.parametrize("argument", ["no-such-file.yaml", "atlantis"])
def test_a_failed_run_leaves_no_helper_behind(
    cli, monkeypatch: pytest.MonkeyPatch, forks: list[int], argument: str
) -> None:
    monkeypatch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
    monkeypatch.chdir(ROOT)
    result = cli("run", argument, "--format", "json")
    assert result.exit_code == 2
    assert forks and all(_gone(pid) for pid in forks)


def test_a_file_that_is_not_regular_is_not_read_ahead(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # no writer: opening it to read would wait for one, and this test with it
    regular = tmp_path / "a.yaml"
    regular.write_text("id: a\n", encoding="utf-8")
    assert [shown for shown, _ in to_parse([fifo, regular])] == [str(regular)]
