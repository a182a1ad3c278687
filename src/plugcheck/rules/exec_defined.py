"""An entry function a plugin module defines by running a literal source string at import
(``SOURCE = "def plugin(registry):\\n    return Spelling\\n"; exec(SOURCE)``): the string is
Python source like any other, so the ``def`` it holds can be read and its parameters judged
against the host's call, as a written ``def`` is (PC561); also when the module that runs it is
re-exported by ``from .impl import *`` (the package hands out what the star import copied)."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from plugcheck import untrusted
from plugcheck.static.index import ModuleIndex, star_exports
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.self_binding import self_bound

_OPEN = frozenset({"globals", "vars", "locals", "setattr", "__dict__", "__getattr__", "eval"})
"""Names through which a module may bind a global that source does not spell out."""


def exec_source(
    index: ModuleIndex,
    info: ModuleInfo,
    name: str,
    roots: Sequence[Path],
    seen: frozenset[Path] = frozenset(),
) -> tuple[ModuleInfo, ast.Call, ast.FunctionDef] | None:
    """(the module that runs the ``exec``, the call, the ``def``): ``exec_defined`` in ``info``
    itself, or, followed the same way, in the one module of ``info``'s star imports that hands
    it ``name`` when ``info`` binds the name by no other means (no statement, ``exec``,
    ``globals()``, ``setattr``; every star import read, no other one exporting the name): a
    chain of star re-exports of any depth, a cycle giving None."""
    made = exec_defined(info, name)
    if made is not None:
        return (info, *made)
    if info.tree is None or not info.star_imports or _binds_otherwise(info, name):
        return None
    if info.path in seen:
        return None
    exporters: list[ModuleInfo] = []
    for star, level in info.star_imports:
        target = index.import_target(info, star, level, roots)
        if not isinstance(target, ModuleInfo):
            return None  # out of reach: it may export the name
        if target.all_dynamic:
            return None
        if star_exports(target, name):
            exporters.append(target)
    if len(exporters) != 1:
        return None
    (target,) = exporters
    return exec_source(index, target, name, roots, seen | {info.path})


def _binds_otherwise(info: ModuleInfo, name: str) -> bool:
    """Whether ``info`` may bind ``name`` other than by its star imports."""
    if name in info.symbols or name in info.deleted or info.writes_globals:
        return True
    if self_bound(info) != frozenset() or info.tree is None:
        return True
    for node in ast.walk(info.tree):
        if isinstance(node, ast.Name) and (node.id in _OPEN or node.id in ("exec", name)):
            return True
        if isinstance(node, ast.Attribute) and node.attr in _OPEN:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] == name:
            return True
    return False


def exec_defined(info: ModuleInfo, name: str) -> tuple[ast.Call, ast.FunctionDef] | None:
    """(the ``exec`` call, the ``def``) when the module binds ``name`` only by a top-level
    ``exec(<source>)`` with one argument, a string literal or a module constant bound once to
    one, whose code binds ``name`` once, with an undecorated ``def``; None otherwise (the
    module binds the name itself, star-imports, reaches its globals another way, or runs
    another ``exec``)."""
    tree = info.tree
    if tree is None:
        return None
    constants: dict[str, list[ast.expr | None]] = {}
    execs: list[ast.Call] = []
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in _OPEN:
            return None
        if isinstance(node, ast.Name) and node.id == "exec" and id(node) not in calls:
            return None  # exec under another name, or handed on
        if isinstance(node, ast.Attribute) and node.attr in _OPEN:
            return None
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            return None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "exec"
        ):
            execs.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and (
            node.name == name
        ):
            return None
        if isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] == name:
            return None
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            constants.setdefault(node.id, []).append(None)
            if node.id == name:
                return None
    top = {
        id(s.value) for s in tree.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
    }
    if len(execs) != 1 or id(execs[0]) not in top:
        return None
    call = execs[0]
    if len(call.args) != 1 or call.keywords:
        return None
    source = _string(tree, call.args[0], constants)
    if source is None:
        return None
    try:
        code = untrusted.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    binds = [
        n
        for n in ast.walk(code)
        if (isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n.name == name)
        or (isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
        or (isinstance(n, ast.alias) and (n.asname or n.name).split(".")[0] == name)
        or isinstance(n, ast.Global)
    ]
    if len(binds) != 1 or not isinstance(binds[0], ast.FunctionDef):
        return None
    fn = binds[0]
    if fn not in code.body or fn.decorator_list:
        return None
    return call, fn


def _string(
    tree: ast.Module, expr: ast.expr, constants: dict[str, list[ast.expr | None]]
) -> str | None:
    """The text of ``expr``: a string literal, or a module name bound once, at the top level,
    to one."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if not isinstance(expr, ast.Name) or len(constants.get(expr.id, [])) != 1:
        return None
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == expr.id
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            return stmt.value.value
    return None
