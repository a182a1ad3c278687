"""An attribute read from one of the plugin's own modules that the module never binds:
``from . import json`` (the plugin's own ``json.py``, shadowing the standard library's), then
``json.dumps(page)`` raises ``AttributeError: module 'pkg.json' has no attribute 'dumps'``.

Judged only where source shows every name the module can have: the name read is bound once in
the reading module, to the plugin's own module; that module binds the attribute nowhere (no
statement, function or import of any scope binds it), defines no ``__getattr__``, has no star
import, does not reach its namespace another way (``globals()``, ``vars()``, ``setattr``,
``exec``, ``eval``, ``sys.modules``, ``__dict__``), no file of the plugin assigns the attribute,
and, for a package, no submodule of that name exists (importing it sets the attribute).
"""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator

from plugcheck.rules.reached import Reader
from plugcheck.static.bindings import ModuleRef
from plugcheck.static.function_walk import BINDERS, binds, parameters
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import module_file
from plugcheck.static.syntax import walk

_MODULE_ATTRIBUTES = frozenset(dir(types.ModuleType("m"))) | {
    "__file__",
    "__cached__",
    "__path__",
    "__builtins__",
    "__annotations__",
}
_REACHING = frozenset({"globals", "vars", "setattr", "exec", "eval", "__import__", "__dict__"})


def lacked(reader: Reader, info: ModuleInfo, node: ast.Attribute) -> str | None:
    """The file (``pkg/json.py``) of the plugin's own module ``node`` (``name.attr``, read in
    ``info``) reads ``attr`` from, when that module certainly lacks it; ``None`` otherwise."""
    if not isinstance(node.value, ast.Name) or not isinstance(node.ctx, ast.Load):
        return None
    held = node.value.id
    ref = reader.scope(info).get(held)
    if not isinstance(ref, ModuleRef) or ref.info is None or not reader.mine(ref.info):
        return None
    module = ref.info
    if _bound(info).count(held) != 1 or not _closed(module) or node.attr in _MODULE_ATTRIBUTES:
        return None
    if node.attr in _bound(module):
        return None
    package = module.path.name == "__init__.py"
    if package and module_file(reader.ctx.index, module.path.parent / node.attr) is not None:
        return None  # a submodule: importing it sets the attribute
    for path in reader.own_in_order():
        other = reader.ctx.index.info(path)
        if other is None or any(
            a.attr == node.attr and not isinstance(a.ctx, ast.Load)
            for a in other.nodes(ast.Attribute)
        ):
            return None  # `json.dumps = ...` somewhere in the plugin
    return f"{module.path.parent.name}/{module.path.name}"


_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass, ast.Return)


def first_lacked(
    reader: Reader, info: ModuleInfo, fn: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[ast.Attribute, str] | None:
    """The first read of an attribute the plugin's own module lacks (and that module's file)
    in the part of ``fn``'s body every call runs: its statements in order while they run
    straight (expression statements, assignments, ``pass``; a ``return`` is the last read)."""
    local = parameters(fn) | {n for node in walk(fn) for n in binds(node) if node is not fn}
    for stmt in fn.body:
        if not isinstance(stmt, _STRAIGHT):
            return None
        for read in attribute_reads(stmt):
            assert isinstance(read.value, ast.Name)
            module = None if read.value.id in local else lacked(reader, info, read)
            if module is not None:
                return read, module
        if isinstance(stmt, ast.Return):
            return None
    return None


def attribute_reads(stmt: ast.stmt) -> Iterator[ast.Attribute]:
    """``name.attr`` reads the statement makes when it runs (not in nested functions, lambdas,
    classes or comprehensions), in source order."""
    found: list[ast.Attribute] = []
    todo: list[ast.AST] = [stmt]
    while todo:
        node = todo.pop()
        if isinstance(
            node,
            ast.Lambda
            | ast.FunctionDef
            | ast.AsyncFunctionDef
            | ast.ClassDef
            | ast.ListComp
            | ast.SetComp
            | ast.DictComp
            | ast.GeneratorExp,
        ):
            continue
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    yield from sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _bound(info: ModuleInfo) -> list[str]:
    """Every name any node of the module binds (in any scope), once per binding."""
    names: list[str] = []
    for kind in BINDERS:
        nodes: list[ast.AST] = info.nodes(kind)
        for node in nodes:
            names += binds(node)
    return names


def _closed(info: ModuleInfo) -> bool:
    """Whether source shows every name the module can have (see the module's docstring)."""
    if info.tree is None or "__getattr__" in _bound(info):
        return False
    if any(any(a.name == "*" for a in n.names) for n in info.nodes(ast.ImportFrom)):
        return False
    if any(n.id in _REACHING for n in info.nodes(ast.Name)):
        return False
    return not any(n.attr in _REACHING or n.attr == "modules" for n in info.nodes(ast.Attribute))
