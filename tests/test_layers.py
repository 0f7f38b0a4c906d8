"""Imports run one way: models < load < engine < app/check < cli, and render reads models only.

Every module of the package is parsed with ``ast`` (nothing is imported) and each import of
the package is checked against the layer table below; a failure names the file, the line and
the layer that may not be imported. ``errors`` and the package root (``__version__``) are open
to every layer. The ``__init__.py`` of a layer holds no imports of the package, so importing
one module does not import its neighbours (start-up stays lazy).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "trafficking_audit"
NAME = "trafficking_audit"

# layer -> the layers its modules may import (besides itself, `errors` and the package root)
MAY_IMPORT: dict[str, frozenset[str]] = {
    "models": frozenset(),
    "load": frozenset({"models"}),
    "engine": frozenset({"models", "load"}),
    "render": frozenset({"models"}),
    "app": frozenset({"models", "load", "engine", "render"}),
    "check": frozenset({"models", "load", "engine", "render"}),
    "cli": frozenset({"models", "load", "engine", "render", "app", "check"}),
    "__main__": frozenset({"cli"}),
}
OPEN_TO_ALL = frozenset({"errors", ""})  # "" is the package root itself
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "errors.py"}


def layer_of(relative: Path) -> str:
    """The layer a module belongs to: its folder, or its own name at the top level."""
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def is_module(name: str) -> bool:
    """Whether ``trafficking_audit.<name>`` is a module or a folder of the package (not a name like __version__)."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def package_imports(relative: Path, source: str) -> list[tuple[int, str]]:
    """(line, dotted module) for every import of the package in a module's source."""
    module_parts = [NAME, *relative.with_suffix("").parts]
    if module_parts[-1] == "__init__":
        module_parts.pop()
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(relative))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against the module's own package
                anchor = module_parts[: len(module_parts) - node.level + (relative.name == "__init__.py")]
                base = ".".join([*anchor, *([base] if base else [])])
            if base == NAME:  # `from trafficking_audit import x`: x is a layer or module, or a name of the root
                found += [(node.lineno, f"{NAME}.{a.name}" if is_module(a.name) else NAME) for a in node.names]
            else:
                found.append((node.lineno, base))
    return [(line, name) for line, name in found if name == NAME or name.startswith(NAME + ".")]


def upward_imports(relative: Path, source: str) -> list[str]:
    """``file:line: message`` for every import of ``source`` (at ``relative`` in the package) against the order."""
    layer = layer_of(relative)
    allowed = MAY_IMPORT.get(layer, frozenset()) | {layer} | OPEN_TO_ALL
    problems = []
    for line, name in package_imports(relative, source):
        target = name.split(".")[1] if "." in name else ""
        if target not in allowed and not (layer == "__init__" and target == ""):
            problems.append(f"{NAME}/{relative}:{line}: the {layer} layer imports {name} ({target} is above it)")
    return problems


def modules() -> list[Path]:
    return sorted(p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def test_every_module_imports_only_layers_below_it() -> None:
    problems = [problem for rel in modules() for problem in upward_imports(rel, (PACKAGE / rel).read_text("utf-8"))]
    assert problems == [], "\n".join(problems)


def test_every_folder_is_a_known_layer_and_few_modules_stay_at_the_top() -> None:
    folders = {rel.parts[0] for rel in modules() if len(rel.parts) > 1}
    assert folders <= set(MAY_IMPORT), folders - set(MAY_IMPORT)
    assert {rel.name for rel in modules() if len(rel.parts) == 1} <= TOP_LEVEL_MODULES


def test_layer_init_files_import_nothing_of_the_package() -> None:
    """Importing one module of a layer must not import the rest of it (lazy start-up)."""
    for rel in modules():
        if rel.name == "__init__.py" and len(rel.parts) > 1 and rel.parts[0] != "render":
            assert package_imports(rel, (PACKAGE / rel).read_text("utf-8")) == [], rel


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        (
            "models/bad.py",
            "from trafficking_audit.engine.audit import build_audit\n",
            "trafficking_audit/models/bad.py:1: the models layer imports trafficking_audit.engine.audit",
        ),
        (
            "load/bad.py",
            '"""Doc."""\n\nimport json\n\n\ndef f():\n    from trafficking_audit.engine import recommend\n',
            "trafficking_audit/load/bad.py:7: the load layer imports trafficking_audit.engine",
        ),
        (
            "render/bad.py",
            "import trafficking_audit.app.session as session\n",
            "trafficking_audit/render/bad.py:1: the render layer imports trafficking_audit.app.session",
        ),
        (
            "engine/bad.py",
            "from ..app import listing\n",
            "trafficking_audit/engine/bad.py:1: the engine layer imports trafficking_audit.app",
        ),
        (
            "app/bad.py",
            "from trafficking_audit import cli\n",
            "trafficking_audit/app/bad.py:1: the app layer imports trafficking_audit.cli",
        ),
    ],
)
def test_an_upward_import_is_reported_with_file_and_line(where: str, source: str, expected: str) -> None:
    (problem,) = upward_imports(Path(where), source)
    assert problem.startswith(expected), problem


def test_imports_down_the_order_and_of_errors_pass() -> None:
    source = (
        "from trafficking_audit import __version__\n"
        "from trafficking_audit.errors import InputError\n"
        "from trafficking_audit.models.result import Audit\n"
        "from trafficking_audit.load.loader import Rulebook\n"
        "from . import scoring\n"
    )
    assert upward_imports(Path("engine/ok.py"), source) == []
