"""Why a statement that runs at import always raises: literal-only expressions evaluated as
Python would (``{}["missing"]``, ``(1, 2)[5]``, ``1 / 0``), ``raise``, an ``assert`` or ``if`` the
target decides, a module-level ``sys.exit()``. PC515 reports it; the import walk
(``import_edges``) stops a module's body there, as Python does."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from plugcheck.environment import Environment
from plugcheck.rules.certain_end import exit_statement
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.branches import PLAIN_IMPORTS, decide
from plugcheck.static.effects import canonical_name
from plugcheck.static.parse import ModuleInfo, dotted_name


class _Unknown(Exception):
    """The expression is not made of literals only: its value is not known statically."""


_PROVEN = (KeyError, IndexError, ZeroDivisionError, TypeError, ValueError)
"""What evaluating literals can raise; anything else means plugcheck's evaluation is off."""

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.not_,
}
_SIZE = 10_000


Names = dict[str, ast.expr]
"""Module-level names that certainly hold a literal (``literal_names``) and their values."""
_NONE: Names = {}


def _value(node: ast.expr, names: Names = _NONE) -> Any:
    """The value of a literal-only expression; raises what Python would raise evaluating it."""
    match node:
        case ast.Constant():
            return node.value
        case ast.Name(id=name) if name in names:
            rest = {k: v for k, v in names.items() if k != name}
            return _value(names[name], rest)
        case ast.Tuple() | ast.List() | ast.Set():
            if len(node.elts) > _SIZE or any(isinstance(e, ast.Starred) for e in node.elts):
                raise _Unknown
            items = [_value(e, names) for e in node.elts]
            kind = {ast.Tuple: tuple, ast.List: list, ast.Set: set}[type(node)]
            return kind(items)
        case ast.Dict():
            if len(node.keys) > _SIZE or any(k is None for k in node.keys):
                raise _Unknown
            keys = [k for k in node.keys if k is not None]  # `**` keys are refused above
            return {
                _value(k, names): _value(v, names) for k, v in zip(keys, node.values, strict=True)
            }
        case ast.Subscript():
            container = _value(node.value, names)
            if not isinstance(container, dict | list | tuple | str | bytes | set):
                raise _Unknown
            subscripted: Any = container  # a set is not subscriptable: Python's TypeError
            return subscripted[_index(node.slice, names)]
        case ast.BinOp(op=ast.Mod()) if isinstance(node.left, ast.Constant) and isinstance(
            node.left.value, str | bytes
        ):
            return _formatted(node.left.value, _value(node.right, names))
        case ast.BinOp() if type(node.op) in _BINARY:
            left, right = _value(node.left, names), _value(node.right, names)
            if not all(isinstance(v, int | float) for v in (left, right)):
                raise _Unknown  # sequences and formatting: sizes and __mod__ are not ours
            return _BINARY[type(node.op)](left, right)
        case ast.UnaryOp() if type(node.op) in _UNARY:
            operand = _value(node.operand, names)
            if not isinstance(operand, int | float) and not isinstance(node.op, ast.Not):
                raise _Unknown
            return _UNARY[type(node.op)](operand)
    raise _Unknown


_WIDE = re.compile(r"[*]|\d{4,}")


def _formatted(template: str | bytes, args: Any) -> Any:
    """``template % args`` (printf-style formatting of literals: ``"%s-%d" % ("x",)`` raises
    TypeError); a width or precision of its own or from the arguments (``*``) is not built."""
    text = template if isinstance(template, str) else template.decode("latin-1")
    if len(text) > _SIZE or _WIDE.search(text):
        raise _Unknown
    if not isinstance(args, tuple | dict | str | bytes | int | float | bool | type(None)):
        raise _Unknown
    return template % args


def _unpacked(stmt: ast.Assign) -> str | None:
    """Why ``a, b = <literal>`` always raises: a length that does not match, or a value that is
    not iterable (``A, B = "abc"``: ValueError)."""
    match stmt.targets:
        case [ast.Tuple(elts=names) | ast.List(elts=names)]:
            pass
        case _:
            return None
    starred = sum(isinstance(e, ast.Starred) for e in names)
    try:
        value = _value(stmt.value)
    except Exception:
        return None
    if starred > 1:
        return None
    if isinstance(value, int | float | complex | type(None)):
        return f"TypeError(cannot unpack non-iterable {type(value).__name__} object)"
    if not isinstance(value, tuple | list | str | bytes):
        return None  # a set or dict literal: duplicates fold, order is the interpreter's
    got, want = len(value), len(names)
    if starred and got < want - 1:
        return f"ValueError(not enough values to unpack (expected at least {want - 1}, got {got}))"
    if not starred and got > want:
        return f"ValueError(too many values to unpack (expected {want}))"
    if not starred and got < want:
        return f"ValueError(not enough values to unpack (expected {want}, got {got}))"
    return None


def _index(node: ast.expr, names: Names = _NONE) -> Any:
    if isinstance(node, ast.Slice):
        parts = (node.lower, node.upper, node.step)
        return slice(*(None if p is None else _value(p, names) for p in parts))
    return _value(node, names)


def _raises(node: ast.expr, names: Names = _NONE) -> BaseException | None:
    """What evaluating ``node`` always raises, when it is made of literals (and names that
    certainly hold literals) only."""
    try:
        _value(node, names)
    except _Unknown:
        return None
    except _PROVEN as exc:
        return exc
    except Exception:  # anything else: plugcheck does not claim to know what happens
        return None
    return None


def _known(test: ast.expr, env: Environment) -> bool | None:
    target = env_target(env)
    return decide(test, PLAIN_IMPORTS, target)


def _always_raises(
    stmt: ast.stmt, env: Environment, names: Names = _NONE, info: ModuleInfo | None = None
) -> tuple[str, ast.stmt | ast.expr] | None:
    """Why ``stmt``, run, always raises, and the statement that raises (inside an ``if`` the
    target decides: ``if sys.version_info < (3, 12): raise ImportError(...)``, and an
    ``assert`` whose test it decides count too); ``None`` when it may succeed. ``names``: the
    module-level names that certainly hold a literal here; ``info``: the module, to read a call
    of ``sys.exit()`` or ``os._exit()`` through its imports."""
    if info is not None and isinstance(stmt, ast.Expr):
        ended = exit_statement(info, stmt, set())
        if ended is not None:
            return f"`{_shown(stmt)}` at module level ends the host's process", stmt
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            deco = _uncallable_decorator(stmt, info) if info is not None else None
            if deco is not None:
                made = canonical_name(dotted_name(deco.func), info.symbols) if info else None
                return (
                    f"`@{_shown(deco)}` makes a {made} object, which is not callable: applying "
                    "it as a decorator raises TypeError"
                ), deco
            for part in _evaluated_by_definition(stmt):
                exc = _raises(part, names) if names else None
                if exc is not None:
                    return f"`{_shown(part)}` raises {type(exc).__name__}({exc})", stmt
        case ast.Raise():
            return f"`{_shown(stmt)}` at module level", stmt
        case ast.Assert(test=test) if _known(test, env) is False:
            return f"`{_shown(stmt)}` fails on the target interpreter", stmt
        case ast.If(test=test) if (taken := _known(test, env)) is not None:
            for sub in stmt.body if taken else stmt.orelse:
                found = _always_raises(sub, env, names, info)
                if found is not None:
                    return f"{found[0]} (`if {_shown(test)}:` is {taken} there)", found[1]
        case ast.Expr() | ast.Assign() | ast.AnnAssign() if stmt.value is not None:
            exc = _raises(stmt.value, names)
            if exc is not None:
                return f"`{_shown(stmt.value)}` raises {type(exc).__name__}({exc})", stmt
            if isinstance(stmt, ast.Assign) and (unpacked := _unpacked(stmt)) is not None:
                return f"`{_shown(stmt)}` raises {unpacked}", stmt
    return None


_NOT_CALLABLE = {
    "contextlib.AsyncExitStack",
    "contextlib.ExitStack",
    "contextlib.aclosing",
    "contextlib.chdir",
    "contextlib.closing",
    "contextlib.nullcontext",
    "contextlib.redirect_stderr",
    "contextlib.redirect_stdout",
    "contextlib.suppress",
}
"""Context managers of the standard library that are no ``ContextDecorator``: their instances
are not callable (``@contextlib.suppress(KeyError)`` over a ``def`` raises TypeError)."""


def _uncallable_decorator(
    stmt: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, info: ModuleInfo
) -> ast.Call | None:
    """A decorator of the statement, or of a method its class body defines (the body runs with
    the statement), that calls one of :data:`_NOT_CALLABLE` through the module's imports."""
    defs: list[ast.stmt] = [stmt]
    if isinstance(stmt, ast.ClassDef):
        defs += [s for s in stmt.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
    for made in defs:
        assert isinstance(made, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for deco in made.decorator_list:
            name = dotted_name(deco.func) if isinstance(deco, ast.Call) else None
            if isinstance(deco, ast.Call) and canonical_name(name, info.symbols) in _NOT_CALLABLE:
                return deco
    return None


def _evaluated_by_definition(
    stmt: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
) -> Iterator[ast.expr]:
    """What a ``def`` or ``class`` statement evaluates when it runs, in Python's order: the
    decorators, then a function's defaults or a class's bases and keywords (and, inside a
    decorator's call, its arguments)."""
    parts: list[ast.expr] = list(stmt.decorator_list)
    if isinstance(stmt, ast.ClassDef):
        parts += [*stmt.bases, *(k.value for k in stmt.keywords)]
    else:
        parts += [*stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d is not None)]
    for part in parts:
        yield from _arguments(part)


def _arguments(node: ast.expr) -> Iterator[ast.expr]:
    """``node``, or for a call the arguments it evaluates before calling (``hookimpl(
    tryfirst=_DEFAULTS["first"])``: the option)."""
    if isinstance(node, ast.Call):
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            yield from _arguments(arg.value if isinstance(arg, ast.Starred) else arg)
    else:
        yield node


always_raises = _always_raises
"""(public) Why a top-level statement always raises: ``class_literals`` stops there too."""


def raises_on_import(info: ModuleInfo) -> str | None:
    """The top-level statement that makes every import of ``info``'s module fail (shown), as
    in a module a library keeps only to raise ``ImportError("use pkg.new")``; else ``None``."""
    if info.tree is None:
        return None
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Raise):
            return f"`{_shown(stmt)}`"
    return None


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
