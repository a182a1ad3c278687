"""Where a lifecycle method's body uses a parameter in a way that raises when the value is of
the wrong type, so that mypy's error there (in a copy of the body typed with the host's
parameter types) is a failure of the host's call, not a guess about dynamic code.

A spot is the place mypy reports such an error: the parameter itself (``config.upper()``,
``config[0]``, ``for x in timeout``, ``len(timeout)``), the other operand of an operator it
takes part in (``"x" * timeout``: mypy points at the operand its check failed on), or a call of
a builtin it is passed to (``range(timeout)``: no overload). Left out, as dynamic code mypy
cannot follow: uses inside a ``try`` with a handler (the body expects the failure), under a test
of the value's type or attributes (``isinstance``, ``hasattr``, ``callable``, ``getattr``,
``type``), in a nested function or class (it may never run), in a ``match``; parameters the
body binds again (``timeout = int(timeout)``: mypy keeps the declared type, Python does not), and
parameters the host declares ``object`` or ``Any`` (it promises no type, so mypy's complaint is
about the declaration, not the value).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Collection, Iterator

RUNTIME_CODES = frozenset({"attr-defined", "operator", "index"})
"""mypy's codes for an operation the value's class does not support: it raises at run time."""
CALL_CODES = frozenset({"arg-type", "call-overload", "call-arg"})
"""mypy's codes for a call the arguments do not fit: judged only for calls of builtins, which
check their arguments (a function of the plugin's may work with any object)."""
_GUARDS = frozenset({"isinstance", "hasattr", "callable", "getattr", "type", "issubclass"})
_UNTYPED = frozenset({"object", "Any"})

Spot = tuple[int, int]
"""(line, 0-based column) in the plugin's file."""


def body_spots(
    node: ast.FunctionDef, declared: dict[str, ast.expr | None], shadowed: Collection[str]
) -> dict[Spot, tuple[str, frozenset[str]]]:
    """Each spot of the method's body -> (the parameter, the mypy codes that fail there).
    ``declared``: each parameter after ``self`` -> the host's annotation of it; ``shadowed``:
    the module's names (a ``range`` of its own is no builtin)."""
    found: dict[Spot, tuple[str, frozenset[str]]] = {}
    typed = {name for name, annotation in declared.items() if _typed(annotation)}
    if not typed:
        return found
    rebound, reflective = _walked(node)
    params = typed - rebound
    if not params or reflective:
        return found
    hidden = {*shadowed, *rebound, *(a.arg for a in _all_args(node))}
    for stmt in node.body:
        for use, parent in _uses(stmt, None):
            _spot(use, parent, params, hidden, found)
    return found


def _all_args(node: ast.FunctionDef) -> list[ast.arg]:
    a = node.args
    return [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, [a.vararg, a.kwarg])]


def _typed(annotation: ast.expr | None) -> bool:
    if annotation is None:
        return False
    name = annotation.id if isinstance(annotation, ast.Name) else None
    if isinstance(annotation, ast.Attribute):
        name = annotation.attr
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        name = annotation.value.rpartition(".")[2]
    return name not in _UNTYPED


def _walked(node: ast.FunctionDef) -> tuple[set[str], bool]:
    """The names the def binds or deletes anywhere in it, and whether its body reaches its
    locals by name (``locals()``, ``vars()``, ``exec``, ``eval``): one walk for both."""
    rebound: set[str] = set()
    reflective = False
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            if isinstance(n.ctx, ast.Store | ast.Del):
                rebound.add(n.id)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            reflective = reflective or n.func.id in {"locals", "vars", "exec", "eval"}
    return rebound, reflective


def _uses(node: ast.AST, parent: ast.AST | None) -> Iterator[tuple[ast.AST, ast.AST | None]]:
    """The nodes the body runs unguarded, with their parents."""
    match node:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.Lambda() | ast.ClassDef():
            return
        case ast.Match():
            return
        case ast.Try() | ast.TryStar() if node.handlers:
            for part in [*node.orelse, *node.finalbody]:
                yield from _uses(part, node)
            return
        case ast.If() | ast.While() | ast.IfExp() if _guard(node.test):
            yield from _uses(node.test, node)
            if not isinstance(node, ast.IfExp):
                for part in node.orelse:
                    yield from _uses(part, node)
            return
        case ast.BoolOp() if any(_guard(v) for v in node.values):
            return
        case ast.comprehension() if any(_guard(c) for c in node.ifs):
            return
    yield node, parent
    for child in ast.iter_child_nodes(node):
        yield from _uses(child, node)


def _guard(test: ast.expr) -> bool:
    """A test of a value's type or attributes (mypy narrows some, not all)."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _GUARDS
        for n in ast.walk(test)
    )


def _spot(
    node: ast.AST,
    parent: ast.AST | None,
    params: set[str],
    hidden: set[str],
    found: dict[Spot, tuple[str, frozenset[str]]],
) -> None:
    def add(at: ast.expr, param: str, codes: frozenset[str]) -> None:
        where = (at.lineno, at.col_offset)
        _, before = found.get(where, (param, frozenset()))
        found[where] = (param, before | codes)

    def param_of(expr: ast.expr) -> str | None:
        return expr.id if isinstance(expr, ast.Name) and expr.id in params else None

    match node:
        case ast.Name(id=name, ctx=ast.Load()) if name in params:
            add(node, name, RUNTIME_CODES)
        case ast.BinOp(left=left, right=right):
            for mine, other in ((left, right), (right, left)):
                if (used := param_of(mine)) is not None:
                    add(other, used, frozenset({"operator"}))
        case ast.Compare(left=left, comparators=[right]) if isinstance(
            node.ops[0], ast.Lt | ast.LtE | ast.Gt | ast.GtE
        ):
            for mine, other in ((left, right), (right, left)):
                if (used := param_of(mine)) is not None:
                    add(other, used, frozenset({"operator"}))
        case ast.Call(func=ast.Name(id=called)) if (
            called in vars(builtins) and called not in hidden
        ):
            for arg in node.args:
                if (used := param_of(arg)) is not None:
                    add(node, used, CALL_CODES)
                    add(arg, used, frozenset({"arg-type"}))
