"""No cache serves a stale report: with every cache warm, editing a rule file, a recommendation template,
a peer profile or the audited profile changes the report to exactly what a run with the caches off
writes; a damaged rulebook entry is remade, never served."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trafficking_audit.app import report_cache, rulebook_cache
from trafficking_audit.load.cache import write_entry

# Ruritania on this date fails a rule that Freedonia, its peer, meets: the report quotes the rule's
# template, Ruritania's facts and Freedonia's provision.
ARGS = ("--format", "json", "--as-of", "2022-06-30")


def fresh(cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


EDITS = {
    "a rule file": ("rules/core.yaml", "severity: critical", "severity: low"),
    "a template": ("rules/core.yaml", "so that means are elements.", "so that means become elements."),
    "a peer profile": ("jurisdictions/freedonia.yaml", "Penal Code Art. 160", "Penal Code Art. 161"),
    "the audited profile": ("jurisdictions/ruritania.yaml", "Criminal Code Art. 128", "Criminal Code Art. 127"),
}


@pytest.mark.parametrize("what", EDITS)
def test_an_edit_changes_the_report_with_every_cache_warm(
    what: str, data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("run", "ruritania", "--data", str(data), *ARGS)
    before = cli(*args)
    assert before.exit_code == 0, before.stderr
    assert cli(*args).stdout == before.stdout  # served warm
    assert (cache_dir / rulebook_cache.KIND).is_dir() and (cache_dir / report_cache.KIND).is_dir()
    file, old, new = EDITS[what]
    edit(data / file, old, new)
    after = cli(*args)
    assert after.exit_code == 0, after.stderr
    assert after.stdout != before.stdout, f"editing {what} did not change the report"
    assert after.stdout == fresh(cli, monkeypatch, *args)
    edit(data / file, new, old)  # and back: the first report again, from the caches
    assert cli(*args).stdout == before.stdout


def test_a_damaged_rulebook_entry_is_remade(data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("run", "freedonia", "--data", str(data), *ARGS)
    expected = cli(*args).stdout
    (entry,) = (cache_dir / rulebook_cache.KIND).rglob("*.json")
    intact = entry.read_bytes()
    stored = json.loads(intact.partition(b"\n")[2])
    stored["files"][0]["rules"][0]["severity"] = "bogus"
    dropped = dict(stored, files=stored["files"][1:])  # well-formed, but not these files' rules
    renamed = json.loads(json.dumps(stored))
    renamed["files"][0]["rules"][0]["id"] = "a-rule-of-other-files"
    renamed["files"][0]["rules"][0]["severity"] = "low"
    for damage in (
        b"{}",
        json.dumps(stored).encode(),
        b"[" * 100_000,
        json.dumps(dropped).encode(),
        json.dumps(renamed).encode(),
    ):
        write_entry(entry, damage)
        for report in (cache_dir / report_cache.KIND).rglob("*.json"):
            report.unlink()
        again = cli(*args)
        assert (again.exit_code, again.stdout) == (0, expected), damage[:40]
    entry.write_bytes(intact[:-20])  # truncated
    for report in (cache_dir / report_cache.KIND).rglob("*.json"):
        report.unlink()
    assert cli(*args).stdout == expected
    assert entry.read_bytes() == intact


def test_a_rule_file_with_an_error_is_never_stored(data: Path, cache_dir: Path, cli) -> None:
    edit(data / "rules" / "core.yaml", "Open a hotline.", "Open {{ a hotline.")
    for _ in range(2):
        result = cli("run", "freedonia", "--data", str(data), *ARGS)
        assert result.exit_code == 2 and "core.yaml:" in result.stderr
    assert not list((cache_dir / rulebook_cache.KIND).rglob("*.json"))


def test_an_error_found_while_rendering_a_cached_rule_has_its_position(data: Path, cache_dir: Path, cli) -> None:
    cli("rules", "list", "--data", str(data))  # fills the rulebook cache
    assert list((cache_dir / rulebook_cache.KIND).rglob("*.json"))
    result = cli("rules", "show", "no-such-rule", "--data", str(data))
    assert result.exit_code == 2


def test_names_resolve_from_the_index_without_loading_every_profile(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trafficking_audit.load.loader import ProfileIndex

    edit(
        data / "jurisdictions" / "ruritania.yaml",
        "aliases: [Kingdom of Ruritania]",
        "aliases: [Kingdom of Ruritania, fr]",
    )
    first = cli("run", "fr", "--data", str(data), *ARGS)
    assert first.exit_code == 2 and "ambiguous jurisdiction 'fr'" in first.stderr
    expected = cli("run", "ruritania", "--data", str(data), *ARGS).stdout

    def refuse(self):
        raise AssertionError("every profile was loaded: the name index was not used")

    monkeypatch.setattr(ProfileIndex, "all", refuse)
    again = cli("run", "fr", "--data", str(data), *ARGS)
    assert (again.exit_code, again.stderr) == (first.exit_code, first.stderr)  # the same refusal, from the index
    for report in (cache_dir / "reports").rglob("*.json"):
        report.unlink()
    assert cli("run", "Kingdom of Ruritania", "--data", str(data), *ARGS).stdout == expected
    monkeypatch.undo()
    edit(data / "jurisdictions" / "ruritania.yaml", "Kingdom of Ruritania, fr]", "Kingdom of Ruritania]")
    assert cli("run", "fr", "--data", str(data), *ARGS).exit_code == 0  # the edit is seen: no longer ambiguous


def test_check_compares_names_from_the_index_and_sees_an_edit_of_another_profile(
    data: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`audit check FILE` takes the other profiles' names from the name index when none of them changed (the
    checked file itself may change at every run), and an edit of another profile is seen at once."""
    from trafficking_audit.check import runner
    from trafficking_audit.load import loader

    copy = tmp_path / "ruritania.yaml"
    copy.write_text((data / "jurisdictions" / "ruritania.yaml").read_text())
    args = ("check", "--data", str(data), "--format", "json", str(copy))
    first = cli(*args)
    assert first.exit_code == 0, first.stdout

    def refuse(path, positions=False):
        raise AssertionError(f"{path} was loaded: the name index was not used")

    with monkeypatch.context() as patch:
        patch.setattr(loader, "load_profile", refuse)
        patch.setattr(runner, "load_profile", refuse, raising=False)  # where the check once loaded them itself
        edit(copy, "aliases: [Kingdom of Ruritania]", "aliases: [Kingdom of Ruritania, Grand Fenwick]")
        again = cli(*args)  # the checked file changed, the others did not
        assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    edit(data / "jurisdictions" / "freedonia.yaml", "iso2: FR", "iso2: FR\naliases: [Grand Fenwick]")
    clash = cli(*args)
    assert clash.exit_code == 1
    assert "ambiguous-name" in clash.stdout and "Grand Fenwick" in clash.stdout
    with monkeypatch.context() as patch:
        patch.setenv("TRAFFICKING_AUDIT_NO_CACHE", "1")
        assert cli(*args).stdout == clash.stdout
