"""Where the rules and profiles live, and how a jurisdiction argument finds its profile.

Data is looked up, in order: ``--data DIR``; ``./rules`` and ``./jurisdictions`` in the
working directory (a user's own data repository); the copy installed inside the
package (``trafficking_audit/data``); and, for a source checkout, the repository root.
A jurisdiction argument is a profile id, an ISO 3166 alpha-2 or alpha-3 code, an
alias (all case-insensitive) or a path to a YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trafficking_audit.errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # trafficking_audit/, above load/


@dataclass(frozen=True)
class DataLocation:
    """The two data folders one run uses."""

    rules: Path
    jurisdictions: Path

    def profile_files(self) -> list[Path]:
        """Every profile file, sorted by name so runs do not depend on directory order."""
        if not self.jurisdictions.is_dir():
            return []
        return sorted(self.jurisdictions.glob("*.yaml"), key=lambda p: p.name)


def locate(data_dir: Path | None = None, cwd: Path | None = None) -> DataLocation:
    """Find the data folders (see the module docstring for the order)."""
    if data_dir is not None:
        if not data_dir.is_dir():
            raise InputError(f"--data {data_dir}: not a directory", code="usage")
        rules = data_dir / "rules"
        if not rules.is_dir():
            raise InputError(f"--data {data_dir}: no rules/ folder inside", code="usage")
        return DataLocation(rules, data_dir / "jurisdictions")
    here = cwd or Path.cwd()
    if (here / "rules").is_dir() and (here / "rules" / "rulebook.yaml").is_file():
        return DataLocation(here / "rules", here / "jurisdictions")
    for root in (PACKAGE_DIR / "data", PACKAGE_DIR.parent):
        if (root / "rules" / "rulebook.yaml").is_file():
            return DataLocation(root / "rules", root / "jurisdictions")
    raise InputError("no rulebook found: pass --data DIR or run from a folder with rules/", code="usage")


def looks_like_path(argument: str) -> bool:
    """Whether a jurisdiction argument is a file path rather than an id or code."""
    return argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument
