"""The directories a module adds to ``sys.path`` while it is imported (``sys.path.insert(0,
os.path.dirname(__file__))``, ``sys.path.append(str(Path(__file__).parent / "vendor"))``,
``site.addsitedir(...)``): an absolute import after such a statement may find a module there."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path

from plugcheck.static.parse import dotted_name

_SAME = frozenset(
    {
        "os.path.abspath",
        "os.path.realpath",
        "os.path.normpath",
        "os.fspath",
        "str",
        "Path",
        "pathlib.Path",
        "path.abspath",
        "path.realpath",
    }
)
_SAME_METHODS = frozenset({"resolve", "absolute"})
_DIRNAME = frozenset({"os.path.dirname", "path.dirname", "dirname"})
_JOIN = frozenset({"os.path.join", "path.join", "join"})


def path_edits(tree: ast.Module, path: Path) -> list[tuple[int, Path | None]]:
    """(line, directory) for each statement run at import that adds to ``sys.path``; the
    directory is ``None`` when it cannot be read from the source."""
    values: dict[str, Path | None] = {}
    edits: list[tuple[int, Path | None]] = []
    for stmt in _run_at_import(tree.body):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = _directory(stmt.value, path, values)
                continue
        for added in _added(stmt):
            edits.append((stmt.lineno, _directory(added, path, values) if added else None))
    return edits


def _run_at_import(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        match stmt:
            case ast.If() | ast.For() | ast.While():
                yield from _run_at_import(stmt.body)
                yield from _run_at_import(stmt.orelse)
            case ast.Try():
                yield from _run_at_import(stmt.body)
                for handler in stmt.handlers:
                    yield from _run_at_import(handler.body)
                yield from _run_at_import(stmt.orelse)
                yield from _run_at_import(stmt.finalbody)
            case ast.With():
                yield from _run_at_import(stmt.body)
            case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                continue
            case _:
                yield stmt


def _added(stmt: ast.stmt) -> list[ast.expr | None]:
    """The expressions ``stmt`` adds to ``sys.path`` (``None``: something not read)."""
    match stmt:
        case ast.Expr(value=ast.Call(func=func, args=args)):
            if isinstance(func, ast.Attribute) and dotted_name(func.value) == "sys.path":
                if func.attr in ("insert", "append") and args:
                    return [args[-1]]
                if func.attr == "extend" and args:
                    return _items(args[0])
                return []
            if dotted_name(func) in ("site.addsitedir", "addsitedir") and args:
                return [args[0]]
        case ast.AugAssign(target=target, value=value) if dotted_name(target) == "sys.path":
            return _items(value)
        case ast.Assign(targets=targets, value=value):
            for each in targets:
                owner = each.value if isinstance(each, ast.Subscript) else each
                if dotted_name(owner) == "sys.path":
                    return _items(value)
    return []


def _items(value: ast.expr) -> list[ast.expr | None]:
    if isinstance(value, ast.List | ast.Tuple):
        return [e if not isinstance(e, ast.Starred) else None for e in value.elts]
    return [None]


def _directory(node: ast.expr, path: Path, values: dict[str, Path | None]) -> Path | None:
    """The path ``node`` evaluates to, built from ``__file__`` and literals."""
    match node:
        case ast.Name(id="__file__"):
            return path
        case ast.Name(id=name):
            return values.get(name)
        case ast.Constant(value=str(text)) if Path(text).is_absolute():
            return Path(text)
        case ast.Attribute(value=inner, attr="parent"):
            found = _directory(inner, path, values)
            return found.parent if found else None
        case ast.BinOp(left=left, op=ast.Div(), right=ast.Constant(value=str(part))):
            found = _directory(left, path, values)
            return found / part if found else None
        case ast.Call(func=ast.Attribute(value=inner, attr=method), args=[]) if (
            method in _SAME_METHODS
        ):
            return _directory(inner, path, values)
        case ast.Call(func=func, args=[first, *rest], keywords=[]):
            called = dotted_name(func) or ""
            found = _directory(first, path, values)
            if found is None:
                return None
            if called in _SAME and not rest:
                return found
            if called in _DIRNAME and not rest:
                return found.parent
            if called in _JOIN and all(
                isinstance(r, ast.Constant) and isinstance(r.value, str) for r in rest
            ):
                return found.joinpath(*(str(r.value) for r in rest if isinstance(r, ast.Constant)))
    return None
