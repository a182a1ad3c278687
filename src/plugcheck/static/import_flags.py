"""Availability flags: a module-level name that is true only when an optional module imports.

pandas guards its optional imports with flags set elsewhere: ``if HAS_PYARROW: import pyarrow``,
``HAS_PYARROW`` imported from ``pandas.compat``, which takes it from ``pandas.compat.pyarrow``,
where ``try: import pyarrow ...; HAS_PYARROW = True`` / ``except ImportError: HAS_PYARROW =
False`` sets it; and ``NUMEXPR_INSTALLED = ne is not None`` after ``ne =
import_optional_dependency("numexpr", errors="warn")``. The branch runs only where the modules
the flag stands for import, so an import in it is not a failure where they are missing.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

from plugcheck.static.syntax import catches

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})

TreeOf = Callable[[str], tuple[ast.Module, bool] | None]
"""The parsed module of a dotted name the target can import, if plugcheck can read it, and
whether it is a package (its ``__init__``)."""


def flag_test(
    test: ast.expr,
    top: Sequence[ast.stmt],
    package: str,
    tree_of: TreeOf,
    has: Callable[[str], bool],
) -> bool | None:
    """``if FLAG:`` / ``if not FLAG:`` on an availability flag of a module of ``package`` (the
    package its relative imports start from), whose top level is ``top``: whether the modules
    it stands for are installed (``has``); ``None`` for any other test."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    name = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    if not isinstance(name, ast.Name):
        return None
    modules = flag_modules(name.id, top, package, tree_of)
    if not modules:
        return None
    return all(map(has, modules)) != negated


def flag_modules(
    name: str, body: Sequence[ast.stmt], package: str, tree_of: TreeOf, depth: int = 0
) -> frozenset[str]:
    """The modules whose import decides the module-level flag ``name`` of ``body`` (a module of
    ``package``), following ``from x import name`` into ``x``; empty when ``name`` is no such
    flag (bound any other way, or more than once)."""
    found: frozenset[str] = frozenset()
    for stmt in body:
        if isinstance(stmt, ast.Try) and catches(stmt.handlers, _IMPORT_ERRORS):
            tried = _values(name, stmt.body)
            failed = [v for h in stmt.handlers for v in _values(name, h.body)]
            if tried or failed:
                imported = frozenset(_imported(stmt.body))
                # True only once the imports worked: set in the try body (to anything but a
                # false constant), false or None in the handlers.
                positive = all(not _false(v) for v in tried) and all(map(_false, failed))
                if not imported or found or not tried or not positive:
                    return frozenset()
                found = imported
        elif isinstance(stmt, ast.ImportFrom) and depth < 4:
            for alias in stmt.names:
                if (alias.asname or alias.name) != name:
                    continue
                source = _absolute(stmt, package)
                read = tree_of(source) if source else None
                if read is None or found or source is None:
                    return frozenset()
                tree, is_package = read
                within = source if is_package else source.rpartition(".")[0]
                found = flag_modules(alias.name, tree.body, within, tree_of, depth + 1)
                if not found:
                    return frozenset()
        elif isinstance(stmt, ast.Assign) and name in _assigned([stmt]):
            named = _called_for(stmt.value, body)
            if not named or found:
                return frozenset()
            found = named
    return found


def _values(name: str, body: Sequence[ast.stmt]) -> list[ast.expr]:
    """What the top level of ``body`` assigns to ``name``."""
    return [
        stmt.value
        for stmt in body
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    ]


def _false(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, None)


def _assigned(body: Sequence[ast.stmt]) -> set[str]:
    return {
        t.id
        for stmt in body
        if isinstance(stmt, ast.Assign)
        for t in stmt.targets
        if isinstance(t, ast.Name)
    }


def _imported(body: Sequence[ast.stmt]) -> list[str]:
    names: list[str] = []
    for stmt in body:
        if isinstance(stmt, ast.Import):
            names += [a.name for a in stmt.names]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            names.append(stmt.module)
    return names


def _absolute(stmt: ast.ImportFrom, package: str) -> str | None:
    if not stmt.level:
        return stmt.module
    parts = package.split(".") if package else []
    if stmt.level - 1 >= len(parts):
        return None
    base = ".".join(parts[: len(parts) - stmt.level + 1])
    return f"{base}.{stmt.module}" if stmt.module else base


def _called_for(value: ast.expr, body: Sequence[ast.stmt]) -> frozenset[str]:
    """``V is not None`` (or ``bool(V)``), ``V`` bound once at module level to a call whose first
    argument names a module (``import_optional_dependency("numexpr", errors="warn")``, which
    returns None when the import fails): that module."""
    if isinstance(value, ast.Compare) and len(value.ops) == 1:
        if not (isinstance(value.ops[0], ast.IsNot) and _is_none(value.comparators[0])):
            return frozenset()
        value = value.left
    elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        if value.func.id != "bool" or len(value.args) != 1:
            return frozenset()
        value = value.args[0]
    if not isinstance(value, ast.Name):
        return frozenset()
    bound = [s for s in body if isinstance(s, ast.Assign) and value.id in _assigned([s])]
    if len(bound) != 1 or not isinstance(call := bound[0].value, ast.Call) or not call.args:
        return frozenset()
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        parts = first.value.split(".")
        if all(p.isidentifier() for p in parts):
            return frozenset({first.value})
    return frozenset()


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


__all__ = ["TreeOf", "flag_modules", "flag_test"]
