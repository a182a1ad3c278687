"""What a module's own code makes while it is imported, for the namespaces pass: a call of the
plugin's own function (the instance or function it returns), and code run by ``exec``.

``exec("def dh_x(config, verbose): ...")`` at module level defines names in the module like
the ``def`` written there would (in the dict it is given, ``exec(code, _ns)``, when that is a
literal); ``eval("lambda page: ...")`` is the expression it holds. The string is read when it
is a literal or a name bound to one (its statements placed at the call's line, where Python's
traceback points). ``exec`` or ``eval`` of anything else makes the module's names unknown to
source.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from plugcheck import untrusted
from plugcheck.static.applied import constant_str, is_globals, substituted
from plugcheck.static.bindings import Binding, ClassValue, Instance, Routine, Value
from plugcheck.static.class_exports import copy_prefix
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.picked import loop_items
from plugcheck.static.resolve import own_nodes
from plugcheck.static.syntax import walk

if TYPE_CHECKING:
    from plugcheck.static.namespaces import Namespaces

_RUNS_CODE = ("exec", "eval")


def built_by(
    ns: Namespaces, info: ModuleInfo, maker: Routine, call: ast.Call, scope: dict[str, Binding]
) -> Binding | None:
    """What a call of the plugin's own function returns: an instance of the class it makes
    (``return Impl()``), or the function it defines (``handle = _make("dh_startup")``), its
    decorators applied with the call's arguments for the parameters (``specname=name``)."""
    fn = maker.node
    starred = any(isinstance(a, ast.Starred) for a in call.args)
    if starred or not isinstance(fn, ast.FunctionDef):
        return None
    results = [node.value for node in own_nodes(fn) if isinstance(node, ast.Return)]
    if len(results) == 1 and isinstance(results[0], ast.Call):
        cls = ns.value(info, results[0].func, scope)
        if isinstance(cls, ClassValue):
            return Instance(cls)
        return _marked_lambda(ns, maker, results[0])
    inner = {s.name: s for s in fn.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    if len(results) != 1 or not isinstance(results[0], ast.Name):
        return None
    made = inner.get(results[0].id)
    if made is None:
        return None
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    passed: dict[str, ast.expr] = dict(zip(params, call.args, strict=False))
    passed.update({k.arg: k.value for k in call.keywords if k.arg in params})
    same = ns.index.real(maker.module.path) == ns.index.real(info.path)
    outer = scope if same else ns.module(maker.module)
    routine: Binding = Routine(made, maker.module)
    for decorator in reversed(made.decorator_list):
        routine = ns.apply(maker.module, substituted(decorator, passed), routine, outer)
    return routine


def _marked_lambda(ns: Namespaces, maker: Routine, result: ast.Call) -> Binding | None:
    """``return hookimpl(lambda self, page: ...)``: the lambda the call marks, when nothing
    outside the lambda names a parameter or local of the function (the module's names are
    what the call sees)."""
    fn = maker.node
    assert isinstance(fn, ast.FunctionDef)
    if not any(isinstance(a, ast.Lambda) for a in result.args):
        return None
    local = {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)} | {
        n.id for n in own_nodes(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    outside = [result.func, *(a for a in result.args if not isinstance(a, ast.Lambda))]
    outside += [k.value for k in result.keywords]
    if any(isinstance(n, ast.Name) and n.id in local for part in outside for n in walk(part)):
        return None
    made = ns.value(maker.module, result, ns.module(maker.module))
    return made if isinstance(made, Routine) else None


_CODE_CALLS: WeakKeyDictionary[ast.stmt, list[ast.Call]] = WeakKeyDictionary()
"""A module-level statement's calls of a bare ``exec``/``eval``... name, while its tree lives."""


@dataclass(frozen=True, slots=True)
class Executed:
    """The statements a module-level ``exec`` of a literal runs, and the name of the dict they
    run in (``exec(code, _ns)``; ``None``: the module's namespace)."""

    statements: list[ast.stmt]
    into: str | None = None


def executed(stmt: ast.stmt, scope: dict[str, Binding]) -> Executed | str | None:
    """For a module-level statement: what a literal ``exec`` in it runs; a description
    (``"exec() at line 3"``) when it runs code by ``exec`` or ``eval`` that source cannot read
    (or in a namespace it cannot follow); ``None`` when it runs no such code, or only ``eval``
    of a literal (:func:`evaluated`)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        parts: list[ast.AST] = [*stmt.decorator_list]
    elif isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.AugAssign):
        parts = [stmt]
    else:
        return None
    named = _CODE_CALLS.get(stmt)
    if named is None:  # once per statement: every reader of the module's namespace asks
        named = _CODE_CALLS[stmt] = [
            node
            for part in parts
            for node in walk(part)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _RUNS_CODE
        ]
    calls = [
        node
        for node in named
        if node.func.id not in scope  # type: ignore[attr-defined]
        and evaluated(node, scope) is None
    ]
    if not calls:
        return None
    call = calls[0]
    assert isinstance(call.func, ast.Name)
    opaque = f"{call.func.id}() at line {call.lineno}"
    if len(calls) > 1 or call.func.id != "exec" or not isinstance(stmt, ast.Expr):
        return opaque
    if stmt.value is not call or call.keywords or not call.args:
        return opaque
    code, *rest = call.args
    text = constant_str(code, scope)
    into = rest[0].id if len(rest) == 1 and isinstance(rest[0], ast.Name) else None
    if text is None or len(rest) > 1:
        return opaque
    if rest and not _is_globals(rest[0]) and not _dict_literal(scope.get(into or "")):
        return opaque  # a namespace source does not follow: exec(code, make_table())
    parsed = _parsed(text, stmt, "exec")
    return Executed(parsed.body, into) if isinstance(parsed, ast.Module) else opaque


def evaluated(call: ast.Call, scope: dict[str, Binding]) -> ast.expr | None:
    """The expression ``eval(code)`` evaluates in the module's namespace, when ``code`` is a
    literal or a name bound to one."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "eval"):
        return None
    if len(call.args) != 1 or call.keywords:
        return None
    text = constant_str(call.args[0], scope)
    parsed = _parsed(text, call, "eval") if text is not None else None
    return parsed.body if isinstance(parsed, ast.Expression) else None


def _is_globals(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and is_globals(expr)


def _dict_literal(found: Binding | None) -> bool:
    """A dict written in source (``_ns = {}``), or one an earlier ``exec`` filled."""
    return isinstance(found, Value) and (isinstance(found.expr, ast.Dict) or bool(found.items))


def _parsed(text: str, at: ast.stmt | ast.expr, mode: str) -> ast.AST | None:
    try:
        tree = (
            untrusted.parse(text)
            if mode == "exec"
            else ast.Expression(untrusted.parse_expression(text))
        )
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.expr | ast.stmt | ast.arg | ast.keyword):
            node.lineno, node.col_offset = at.lineno, at.col_offset
            node.end_lineno, node.end_col_offset = at.end_lineno, at.end_col_offset
    return tree


def computed_globals(info: ModuleInfo) -> tuple[int, str] | None:
    """(line, what) of a write to the module's namespace whose names source cannot read: in a
    function (an ``__init_subclass__``, a metaclass or a class decorator copying a class's
    members out), ``globals()[key] = value`` or ``globals().setdefault(key, value)`` of any
    key, ``globals().update(...)``, or ``sys.modules[__name__].__dict__.update(...)``; at the
    top level, a key that is no literal or loop name, an update from anything but a literal
    dict. The namespaces pass reads the rest."""
    if info.tree is None:
        return None
    top = {id(n) for stmt in info.tree.body if not _defines(stmt) for n in walk(stmt)}
    unread = _unread_loop_names(info.tree)
    copies = _copy_loops(info.tree)  # read by the namespaces pass (static.class_exports)
    for node in walk(info.tree):
        nested = id(node) not in top and id(node) not in copies
        match node:
            case ast.Assign(targets=[ast.Subscript(value=ast.Call() as table, slice=key)]) if (
                is_globals(table)
                and (nested or not isinstance(key, ast.Constant | ast.Name) or _unread(key, unread))
            ):
                return node.lineno, f"globals()[{ast.unparse(key)[:30]}] = ..."
            case ast.Call(
                func=ast.Attribute(value=ast.Call() as table, attr="setdefault"), args=[key, *_]
            ) if is_globals(table) and (
                nested or not isinstance(key, ast.Constant | ast.Name) or _unread(key, unread)
            ):
                return node.lineno, "globals().setdefault(...)"
            case ast.Call(func=ast.Attribute(value=table, attr="update"), args=args) if (
                (isinstance(table, ast.Call) and is_globals(table))
                or ast.unparse(table) == "sys.modules[__name__].__dict__"
            ) and (nested or not all(isinstance(a, ast.Dict) for a in args)):
                return node.lineno, f"{ast.unparse(node.func)}(...)"
    return None


def _copy_loops(tree: ast.Module) -> set[int]:
    """The nodes of the module's class-copying loops (``class_exports.copy_prefix``): a
    top-level function's over its first parameter, a class's ``__init_subclass__``'s or
    ``__new__``'s."""
    found: set[int] = set()
    for stmt in tree.body:
        makers = [(stmt, 0)] if isinstance(stmt, ast.FunctionDef) else []
        if isinstance(stmt, ast.ClassDef):
            makers += [
                (m, 0 if m.name == "__init_subclass__" else 3)
                for m in stmt.body
                if isinstance(m, ast.FunctionDef) and m.name in ("__init_subclass__", "__new__")
            ]
        for fn, param in makers:
            if copy_prefix(fn, param) is not None:
                found.update(id(n) for n in walk(fn))
    return found


def _unread_loop_names(tree: ast.Module) -> set[str]:
    """The names loops outside functions bind that the namespaces pass does not run pass by
    pass: it runs only a top-level ``for`` over a literal
    (:func:`plugcheck.static.picked.loop_items`)."""
    names: set[str] = set()
    for stmt in tree.body:
        if _defines(stmt):
            continue
        for loop in (n for n in walk(stmt) if isinstance(n, ast.For | ast.AsyncFor)):
            if not (loop is stmt and isinstance(loop, ast.For) and loop_items(loop) is not None):
                names.update(n.id for n in walk(loop.target) if isinstance(n, ast.Name))
    return names


def _unread(key: ast.expr, unread: set[str]) -> bool:
    """A key named by a loop the namespaces pass does not run pass by pass."""
    return isinstance(key, ast.Name) and key.id in unread


def _defines(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
