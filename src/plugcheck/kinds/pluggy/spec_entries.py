"""What the static pass can be sure of about a ``hookspecs`` entry even when the marker's project
does not resolve (``HookspecMarker(PROJECT)``, ``PROJECT`` computed): a class the module cannot
have, or a module where ``add_hookspecs`` can find no function at all. Anything that may make
names at run time (a star import, ``globals()``, a module ``__getattr__``, ``exec``, names
imported from other modules) leaves the entry to the dynamic check."""

from __future__ import annotations

import ast

from plugcheck.static.parse import ModuleInfo, SymbolKind

_MAKES_NAMES = {"globals", "vars", "setattr", "exec", "eval", "__import__", "type"}


def _may_make_names(info: ModuleInfo) -> bool:
    """Whether the module may bind names no statement shows."""
    if info.tree is None or info.star_imports or "__getattr__" in info.symbols:
        return True
    for node in ast.walk(info.tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else None
            if name in _MAKES_NAMES:
                return True
        if isinstance(node, ast.Attribute) and node.attr in {"modules", "__dict__"}:
            return True
    return False


def missing_class(info: ModuleInfo, class_name: str) -> bool:
    """The module surely has no attribute ``class_name`` (``module:Missing``)."""
    return "." not in class_name and class_name not in info.symbols and not _may_make_names(info)


def _marker_names(info: ModuleInfo) -> set[str]:
    """Module names bound to ``...HookspecMarker(...)`` calls."""
    names = set()
    for stmt in info.tree.body if info.tree else []:
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Call)
            and _called(stmt.value.func) == "HookspecMarker"
        ):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    return names


def _called(func: ast.expr) -> str | None:
    """The last name of ``func`` (a decorator's call is its function's)."""
    if isinstance(func, ast.Call):
        func = func.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def no_functions(info: ModuleInfo) -> list[str] | None:
    """For a module entry that surely holds no function (classes, modules, markers and
    constants only): the classes with methods decorated by the module's ``HookspecMarker``
    (the entries to name instead), else ``None``: nothing sure."""
    if info.tree is None or _may_make_names(info):
        return None
    for symbol in info.symbols.values():
        if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.ASYNC_FUNCTION):
            return None
        if symbol.import_name is not None and (symbol.import_module or "") not in _PLAIN:
            return None  # `from m import x`: x may be a marked function
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Import | ast.ImportFrom | ast.ClassDef):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # the docstring
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and (
            isinstance(stmt.value, ast.Constant)
            or (isinstance(stmt.value, ast.Call) and _called(stmt.value.func) in _MARKERS)
        ):
            continue
        return None  # a statement that may bind a function: not sure
    markers = _marker_names(info)
    return [
        stmt.name
        for stmt in info.tree.body
        if isinstance(stmt, ast.ClassDef)
        and any(
            isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            and any(_called(d) in markers for d in item.decorator_list)
            for item in stmt.body
        )
    ]


_MARKERS = {"HookspecMarker", "HookimplMarker"}
_PLAIN = {"__future__", "typing", "pluggy", "collections.abc"}
"""Modules whose names are no marked function."""
