"""Recommendation templates as data, not programs: a whitelist of Jinja syntax and a bounded render.

Rule files may be a user's own, so the template of a recommendation is untrusted text.
Jinja's sandbox stops attribute escapes but not resource use: ``range(10**9)``, a macro
that calls itself, ``"x" * 10**9`` or two nested loops hang or exhaust memory, and an
``include`` or a division by zero fails at render time. A template needs far less than
Jinja offers: substitution of the context variables, conditionals, and a loop over
a list the context provides. So each template's syntax tree is checked against that
whitelist when the rule file is loaded (anything else is a positioned error of the rule
file), and rendering stops once the text passes :data:`MAX_OUTPUT` characters.

The whitelist: literal text; ``{{ expression }}``; ``{% if %}``/``elif``/``else``; one
level of ``{% for name in missing %}`` (nested loops multiply their length); the context
variables ``jurisdiction``, ``provision``, ``missing`` (the facts that were unknown) and
``missing_elements`` (the elements the rule asks for that the profile lacks, in words), loop
variables and ``loop.index``
and its siblings; string, boolean and small integer constants; ``and``, ``or``, ``not``,
comparisons, ``a if b else c`` and ``~`` (joining strings); the filters in
:data:`FILTERS` and the tests in :data:`TESTS`. No calls, subscripts, arithmetic, ``range``,
macros, call blocks, ``set``, ``include``, ``import`` or ``extends``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import SandboxedEnvironment

from trafficking_audit.load.template_cache import code_salt, fetch_code, store_code, template_key

# The variables a recommendation template is rendered with: name -> whether it is a list.
CONTEXT = {"jurisdiction": False, "provision": False, "missing": True, "missing_elements": True}
FILTERS = frozenset(
    {"capitalize", "default", "d", "first", "join", "last", "length", "count", "lower", "sort", "title", "trim"}
    | {"unique", "upper"}
)
TESTS = frozenset({"defined", "undefined", "none", "string", "sequence", "number", "true", "false"})
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length"})
COMPARISONS = frozenset({"eq", "ne", "lt", "lteq", "gt", "gteq", "in", "notin"})
MAX_CONSTANT = 1000  # the largest integer a template may write (for comparisons such as `missing | length > 1`)
MAX_DEPTH = 50  # nesting of the syntax tree
MAX_LOOPS = 1  # loops inside loops
MAX_OUTPUT = 200_000  # characters of rendered text (a provision quoted from a profile is at most 100,000)

_STRUCTURE = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If)
_EXPRESSIONS = (nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.Concat)

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


class TemplateProblem(Exception):
    """Why a template is refused or failed to render (one line, for a positioned error)."""


def check_syntax(source: str) -> None:
    """Parse ``source`` and check its syntax tree against the whitelist; raise :class:`TemplateProblem`.

    Not compiled: compiling is two thirds of the cost and only a template that is rendered needs it (a
    whitelisted tree uses only filters and tests Jinja has, so it compiles); :func:`render` compiles it then.
    """
    _allowed(source)


def render(source: str, context: Mapping[str, Any]) -> str:
    """Render a whitelisted template with a cap on output; any failure is a :class:`TemplateProblem`."""
    template = _compiled(source)
    pieces: list[str] = []
    size = 0
    try:
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TemplateProblem(f"recommendation text longer than {MAX_OUTPUT} characters")
            pieces.append(piece)
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of user-written code is bad input, not a bug
        raise TemplateProblem(_describe(exc)) from None
    return "".join(pieces)


@lru_cache(maxsize=512)
def _compiled(source: str) -> Any:
    """The template of ``source``, checked against the whitelist and compiled, or from the disk cache.

    Only a template that passed the whitelist is stored, under a key of its source and of this module's
    own code (the whitelist and the environment's options), so a cached one passed the same check.
    """
    # Errors are not cached by lru_cache: a refused template is parsed again each time it is asked for.
    key = template_key(_salt(), "recommendation", source)
    code = fetch_code(key)
    if code is None:
        tree = _parse(source)
        _check(tree)
        try:
            code = _ENV.compile(tree)
        except Exception as exc:  # noqa: BLE001
            raise TemplateProblem(_describe(exc)) from None
        store_code(key, code)
    return _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None))


@lru_cache(maxsize=512)
def _allowed(source: str) -> None:
    """Raise :class:`TemplateProblem` unless ``source`` parses and its tree is within the whitelist (a pass is
    remembered; errors are not cached by lru_cache)."""
    _check(_parse(source))


def _parse(source: str) -> nodes.Template:
    try:
        return _ENV.parse(source)
    except Exception as exc:  # noqa: BLE001 - syntax errors, and RecursionError from deep nesting
        raise TemplateProblem(_describe(exc)) from None


@lru_cache(maxsize=1)
def _salt() -> str:
    """The fingerprint of this module (whitelist, environment options) in the key of a compiled template."""
    return code_salt("recommendation", Path(__file__).read_bytes())


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _check(tree: nodes.Template) -> None:
    """Walk the tree (without recursion: a deep tree must not overflow the stack) and refuse what is not allowed."""
    stack: list[tuple[nodes.Node, int, int, frozenset[str]]] = [(tree, 0, 0, frozenset())]
    while stack:
        node, depth, loops, bound = stack.pop()
        if depth > MAX_DEPTH:
            raise TemplateProblem(f"nesting deeper than {MAX_DEPTH} levels")
        children = list(_allowed_children(node, loops, bound))
        # Pushed last first, so that the template is checked from its start and the first problem is reported.
        for child, child_loops, child_bound in reversed(children):
            stack.append((child, depth + 1, child_loops, child_bound))


def _allowed_children(
    node: nodes.Node, loops: int, bound: frozenset[str]
) -> Iterator[tuple[nodes.Node, int, frozenset[str]]]:
    """The children to check next, after checking ``node`` itself (raises on what is not allowed)."""
    line = getattr(node, "lineno", None)
    where = f" (template line {line})" if line else ""
    if isinstance(node, nodes.For):
        if loops >= MAX_LOOPS:
            raise TemplateProblem(f"a loop inside a loop is not allowed{where}")
        if node.recursive:
            raise TemplateProblem(f"recursive loops are not allowed{where}")
        if not isinstance(node.target, nodes.Name):
            raise TemplateProblem(f"a loop takes one variable name{where}")
        if not (isinstance(node.iter, nodes.Name) and CONTEXT.get(node.iter.name)):
            lists = ", ".join(name for name, is_list in CONTEXT.items() if is_list)
            raise TemplateProblem(f"a loop may only go over {lists}{where}")
        inner = bound | {node.target.name, "loop"}
        for child in node.body:
            yield child, loops + 1, inner
        if node.test is not None:
            yield node.test, loops + 1, inner
        for child in node.else_:
            yield child, loops, bound
        return
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or (node.name not in CONTEXT and node.name not in bound):
            raise TemplateProblem(f"unknown variable '{node.name}'{where} (known: {', '.join(CONTEXT)})")
        return
    if isinstance(node, nodes.Const):
        value = node.value
        if not (value is None or isinstance(value, (str, bool, int))) or isinstance(value, float):
            raise TemplateProblem(f"constant {value!r} is not allowed{where}")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_CONSTANT:
            raise TemplateProblem(f"number {value} is larger than {MAX_CONSTANT}{where}")
        return
    if isinstance(node, nodes.Getattr):
        if not (isinstance(node.node, nodes.Name) and node.node.name == "loop" and "loop" in bound):
            raise TemplateProblem(f"attribute access ('.{node.attr}') is not allowed{where}")
        if node.attr not in LOOP_ATTRIBUTES:
            raise TemplateProblem(f"'loop.{node.attr}' is not allowed{where}")
        return
    if isinstance(node, nodes.Compare):
        for operand in node.ops:
            if operand.op not in COMPARISONS:
                raise TemplateProblem(f"comparison '{operand.op}' is not allowed{where}")
    if isinstance(node, nodes.Filter):
        if node.name not in FILTERS:
            raise TemplateProblem(f"filter '{node.name}' is not allowed{where} (allowed: {', '.join(sorted(FILTERS))})")
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise TemplateProblem(f"only positional arguments are allowed{where}")
    elif isinstance(node, nodes.Test):
        if node.name not in TESTS:
            raise TemplateProblem(f"test '{node.name}' is not allowed{where} (allowed: {', '.join(sorted(TESTS))})")
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise TemplateProblem(f"only positional arguments are allowed{where}")
    elif not isinstance(node, _STRUCTURE + _EXPRESSIONS):
        raise TemplateProblem(f"{_construct(node)} is not allowed in a recommendation template{where}")
    for child in node.iter_child_nodes():
        yield child, loops, bound


def _construct(node: nodes.Node) -> str:
    """What a refused node is, in the words of a template's author."""
    names = {
        "Call": "calling a function",
        "Getitem": "indexing ('[...]')",
        "Slice": "slicing",
        "Macro": "a macro",
        "CallBlock": "a call block",
        "Include": "include",
        "Import": "import",
        "FromImport": "import",
        "Extends": "extends",
        "Block": "a block",
        "Assign": "set",
        "AssignBlock": "set",
        "With": "with",
        "FilterBlock": "a filter block",
        "List": "a list literal",
        "Tuple": "a tuple literal",
        "Dict": "a dict literal",
    }
    kind = type(node).__name__
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr)):
        return f"arithmetic ('{getattr(node, 'operator', kind)}')"
    return names.get(kind, kind)


def variables(source: str) -> frozenset[str]:
    """The context variables a template reads (loop variables it binds itself are not among them).

    A translated template must read exactly the English one's: a translation that drops ``provision``
    loses the fact the reader needs, and one that adds a variable reads what the English never shows.
    """
    from jinja2 import meta

    return frozenset(meta.find_undeclared_variables(_ENV.parse(source)))
