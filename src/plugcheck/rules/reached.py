"""The code every call of a function certainly runs, and the names it reads that are bound
nowhere (for PC217 and the factory's product checks in ``factory_product``)."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Sequence

from plugcheck.static.parse import ModuleInfo

Function = ast.FunctionDef | ast.AsyncFunctionDef
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

_BUILTIN_NAMES = frozenset(dir(builtins)) | {
    "__name__",
    "__file__",
    "__doc__",
    "__spec__",
    "__loader__",
    "__package__",
    "__builtins__",
    "__path__",
    "__annotations__",
    "__dict__",
    "__cached__",
    "__class__",
}

# --- the straight-line code every call runs ------------------------------------------------


def exits(stmt: ast.stmt) -> bool:
    """Whether ``stmt`` may leave the function (or the loop) before the next statement."""
    return any(
        isinstance(n, ast.Return | ast.Raise | ast.Break | ast.Continue) for n in shallow(stmt)
    )


def shallow(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and its children, not those of functions, lambdas or classes nested in it."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, SCOPES):
                stack.append(child)


_HEADERS = {ast.If: ("test",), ast.While: ("test",), ast.For: ("iter",), ast.With: ("items",)}


def certain(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """The parts of ``body`` every run reaches: straight-line statements whole, the header of
    a compound statement (its test or iterable), up to the first that may leave early."""
    for stmt in body:
        fields = _HEADERS.get(type(stmt))
        if fields is not None:
            for field in fields:
                value = getattr(stmt, field)
                yield from value if isinstance(value, list) else [value]
        elif isinstance(stmt, ast.Try | ast.TryStar | ast.Match | ast.AsyncFor | ast.AsyncWith):
            pass
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield stmt
        if exits(stmt) or isinstance(stmt, ast.Try | ast.TryStar):
            return


# --- names bound nowhere (PC217) -------------------------------------------------------------


def _module_names(tree: ast.Module) -> set[str] | None:
    """Every name the module binds anywhere at its top level (any branch, any order) or
    declares ``global`` in a function; ``None`` when names may come from elsewhere (a star
    import, ``globals()``, ``exec``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        match node:
            case ast.ImportFrom(names=aliases) if any(a.name == "*" for a in aliases):
                return None
            case ast.Call(func=ast.Name(id="globals" | "exec" | "vars" | "setattr" | "eval")):
                return None
            case ast.Global(names=declared):
                names.update(declared)
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        names.update(binds(node))
        if not isinstance(node, SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return names


def binds(node: ast.AST) -> list[str]:
    match node:
        case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name) | ast.ClassDef(name=name):
            return [name]
        case ast.Name(ctx=ast.Store() | ast.Del(), id=name):
            return [name]
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            return [a.asname or a.name.partition(".")[0] for a in aliases]
        case ast.ExceptHandler(name=str(name)):
            return [name]
        case ast.MatchAs(name=str(name)) | ast.MatchStar(name=str(name)):
            return [name]
        case ast.MatchMapping(rest=str(name)):
            return [name]
        case ast.Global(names=declared) | ast.Nonlocal(names=declared):
            return list(declared)
    return []


def local_names(fn: Function | ast.Lambda) -> set[str]:
    """Parameters and every name bound anywhere in ``fn`` (nested scopes included: a name one
    of them binds is never reported)."""
    args = fn.args
    names = {
        a.arg
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        if a is not None
    }
    for node in ast.walk(fn):
        if node is not fn:
            names.update(binds(node))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and node is not fn:
            inner = node.args
            names.update(
                a.arg
                for a in [
                    *inner.posonlyargs,
                    *inner.args,
                    *inner.kwonlyargs,
                    inner.vararg,
                    inner.kwarg,
                ]
                if a is not None
            )
    return names


def unbound(fn: Function, info: ModuleInfo) -> ast.Name | None:
    """The first name every call of ``fn`` reads that is bound nowhere it could come from."""
    if info.tree is None or _enclosed(fn, info.tree):
        return None  # a nested function also sees its enclosing functions' names
    module = _module_names(info.tree)
    if module is None:
        return None
    if info.path.name == "__init__.py":
        # Importing a submodule binds its name in the package, from wherever it is imported.
        module |= {p.stem for p in info.path.parent.iterdir()}
    known = module | local_names(fn) | _BUILTIN_NAMES
    for part in certain(fn.body):
        for node in shallow(part):
            if (
                isinstance(node, ast.Name)
                and isinstance(node.ctx, ast.Load)
                and node.id not in known
            ):
                return node
    return None


def _enclosed(fn: Function, tree: ast.Module) -> bool:
    """Whether ``fn`` is defined inside another function."""
    for node in ast.walk(tree):
        outer = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        if outer and node is not fn and any(inner is fn for inner in ast.walk(node)):
            return True
    return False
