"""Module-level names that certainly hold ``None`` when a top-level statement runs, and the
statements that then call, subscript or read an attribute of one (PC515): ``hookimpl = None``
after some hookimpls, and a later ``@hookimpl`` calls None, so the host's import raises
TypeError; or a ``class``/``def`` whose outermost decorator is the module's own undecorated
function that returns nothing (a registry decorator that forgets ``return cls``).

Flow-sensitive, at the module's top level only, in source order: ``name = None`` makes the name
hold None; any other binding of it in a top-level statement (an import, a ``def``/``class``, an
assignment, a loop or ``with`` target, ``del``, inside an ``if``/``try`` too) ends that. A
module that can reach its globals another way (``globals()``, ``vars()``, ``exec``,
``sys.modules``, a star import) has no such names, nor has a name a function declares
``global``. A use counts only where it certainly runs: a decorator, or a part of a top-level
expression statement or assignment that Python always evaluates (not behind ``and``/``or``,
a conditional expression, a lambda or a comprehension's body)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.rules.literal_names import reaches_globals
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import own_nodes

_NONE_ATTRIBUTES = frozenset(dir(None))


def none_uses(info: ModuleInfo) -> dict[int, tuple[str, ast.stmt | ast.expr]]:
    """The top-level statements that certainly fail on a name holding None, keyed by the
    statement's ``id``: why, and where (computed once per tree)."""
    return info.derived("none_uses", _none_uses)


def _none_uses(info: ModuleInfo) -> dict[int, tuple[str, ast.stmt | ast.expr]]:
    tree = info.tree
    quiet = {id(s) for s in tree.body if isinstance(s, ast.FunctionDef) and _returning_nothing(s)}
    if not quiet and not any(
        isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) and s.value.value is None
        for s in tree.body
    ):
        return {}
    declared = _declared_elsewhere(info)
    if declared is None:
        return {}
    holding: dict[str, str] = {}  # name -> how it came to hold None
    silent: dict[str, ast.FunctionDef] = {}  # defined so far, returning nothing
    found: dict[int, tuple[str, ast.stmt | ast.expr]] = {}
    for stmt in tree.body:
        if holding:
            failed = _fails(stmt, holding)
            if failed is not None:
                found[id(stmt)] = failed
        if holding or silent:  # nothing to end yet: no walk of the statement
            for name in _bound(stmt):
                holding.pop(name, None)
                silent.pop(name, None)
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Constant)
            and stmt.value.value is None
        ):
            for target in stmt.targets:
                if isinstance(target, ast.Name) and target.id not in declared:
                    holding[target.id] = f"`{target.id} = None` at line {stmt.lineno}"
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            outer = stmt.decorator_list[0] if stmt.decorator_list else None
            if isinstance(outer, ast.Name) and outer.id in silent and stmt.name not in declared:
                holding[stmt.name] = (
                    f"its decorator {outer.id}() at line {outer.lineno} returns nothing"
                )
            if isinstance(stmt, ast.FunctionDef) and id(stmt) in quiet:
                silent[stmt.name] = stmt
    return found


def _returning_nothing(fn: ast.FunctionDef) -> bool:
    """An undecorated function that takes an argument and returns nothing on every call (no
    ``return`` of a value, no ``yield``, no ``raise``): used as a decorator, it binds the
    decorated name to None."""
    if fn.decorator_list or not (fn.args.posonlyargs or fn.args.args or fn.args.vararg):
        return False
    stops = (ast.Yield, ast.YieldFrom, ast.Raise, ast.Await)
    return not any(
        isinstance(n, stops) or (isinstance(n, ast.Return) and n.value is not None)
        for n in own_nodes(fn)
    )


def _declared_elsewhere(info: ModuleInfo) -> set[str] | None:
    """The names a function declares ``global`` (or ``nonlocal``); ``None`` when the module can
    rebind its globals in a way not spelled by a binding."""
    if reaches_globals(info):
        return None
    nodes = info.nodes
    return {name for node in nodes(ast.Global) for name in node.names} | {
        name for node in nodes(ast.Nonlocal) for name in node.names
    }


def _bound(stmt: ast.stmt) -> Iterator[str]:
    """Every name a top-level statement may bind or unbind at module level (also in class
    bodies and comprehensions: more than it does, never less)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield stmt.name
        nodes: list[ast.AST] = [*stmt.decorator_list]
        if isinstance(stmt, ast.ClassDef):
            nodes += [*stmt.bases, *stmt.keywords, *stmt.body]
        else:
            nodes += [*stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d)]
    else:
        nodes = [stmt]
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield node.name
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                yield node.id
            elif isinstance(node, ast.alias):
                yield node.asname or node.name.partition(".")[0]
            elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
                yield node.name
            elif isinstance(node, ast.MatchMapping) and node.rest:
                yield node.rest


def _fails(stmt: ast.stmt, holding: dict[str, str]) -> tuple[str, ast.stmt | ast.expr] | None:
    """Why ``stmt`` fails, and where: the decorator, for a failing one (as the traceback)."""
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            for decorator in stmt.decorator_list:
                for node in _evaluated(decorator):
                    why = _use(node, holding)
                    if why is not None:
                        return why, decorator
                name = _holder(decorator, holding)
                if name is not None:  # `@name`: the decorator itself is called with the def
                    return _not_callable(f"@{name}", name, holding), decorator
        case ast.Expr() | ast.Assign() | ast.AnnAssign() | ast.AugAssign() if (
            stmt.value is not None
        ):
            for node in _evaluated(stmt.value):
                why = _use(node, holding)
                if why is not None:
                    return why, stmt
    return None


def _holder(node: ast.expr, holding: dict[str, str]) -> str | None:
    return node.id if isinstance(node, ast.Name) and node.id in holding else None


def _not_callable(shown: str, name: str, holding: dict[str, str]) -> str:
    return f"`{shown}` calls None ({holding[name]}): TypeError('NoneType' object is not callable)"


def _use(node: ast.expr, holding: dict[str, str]) -> str | None:
    if isinstance(node, ast.Call) and (name := _holder(node.func, holding)):
        return _not_callable(f"{name}(...)", name, holding)
    if isinstance(node, ast.Subscript) and (name := _holder(node.value, holding)):
        return (
            f"`{name}[...]` subscripts None ({holding[name]}): "
            "TypeError('NoneType' object is not subscriptable)"
        )
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Load)
        and (name := _holder(node.value, holding))
        and node.attr not in _NONE_ATTRIBUTES
    ):
        return (
            f"`{name}.{node.attr}` reads an attribute of None ({holding[name]}): "
            f"AttributeError('NoneType' object has no attribute "
            f"'{node.attr}')"
        )
    return None


def _evaluated(node: ast.expr) -> Iterator[ast.expr]:
    """``node`` and the sub-expressions evaluating it always evaluates, in no promised order."""
    yield node
    children: list[ast.expr]
    match node:
        case ast.BoolOp(values=[first, *_]):
            children = [first]
        case ast.IfExp(test=test):
            children = [test]
        case ast.Compare(left=left, comparators=[first, *_]):
            children = [left, first]
        case ast.Lambda() | ast.Await() | ast.Yield() | ast.YieldFrom():
            children = []
        case ast.ListComp() | ast.SetComp() | ast.DictComp() | ast.GeneratorExp():
            children = [node.generators[0].iter]
        case ast.Call():
            children = [node.func, *node.args, *(k.value for k in node.keywords)]
        case _:
            children = [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
    for child in children:
        yield from _evaluated(child)
