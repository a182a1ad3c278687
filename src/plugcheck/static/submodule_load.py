"""Which module-level statement of a package's ``__init__`` first loads one of its submodules:
loading ``pkg.sub`` sets the package's attribute ``sub`` to the module (``from .sub import x``
rebinds ``sub``, whatever the ``__init__`` bound to it before); a later import finds it loaded
and sets nothing."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import module_file


def first_load(info: ModuleInfo, name: str) -> ast.ImportFrom | None:
    """The first module-level ``from .name[...] import ...`` or ``from . import name`` of the
    package ``info``, outside functions and classes (those run later, if ever)."""
    if info.path.name != "__init__.py" or info.tree is None:
        return None
    for node in _module_level(info.tree.body):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module and node.module.partition(".")[0] == name:
                return node
            if not node.module and any(a.name == name for a in node.names):
                return node
    return None


def loaded_over(index: ModuleIndex, found: Resolved, name: str) -> str | None:
    """How the package's first import of its submodule ``name`` sets the attribute ``name``
    after the ``__init__`` bound it (``def new`` ... ``from .new import x``): the host finds
    that module."""
    load = first_load(found.module, name)
    if load is None or load.lineno <= found.symbol.line or load.module is None:
        return None
    if module_file(index, found.module.path.parent / name) is None:
        return None
    shown = f"`{ast.unparse(load)}` at line {load.lineno} loads it after line {found.symbol.line}"
    return f"its submodule {name} ({shown})"


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _module_level(getattr(stmt, field, []))
        for handler in getattr(stmt, "handlers", ()):
            yield from _module_level(handler.body)
