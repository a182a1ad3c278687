"""Expressions whose value source decides without running them: the live arm of ``a if c else
b`` when the target decides ``c``, a literal dict subscripted by a constant (``MARKS["first"]``),
``functools.partial`` of a callable, and the pairs of a tuple assignment (``a, b = f, g``) or
of a loop over literal tuples (``for name, fn in (("a", f), ("b", g)):``).
"""

from __future__ import annotations

import ast

from plugcheck.static.applied import UNROLLED, constant_str, imported_as
from plugcheck.static.bindings import Binding, Target, Value
from plugcheck.static.branches import decide
from plugcheck.static.parse import dotted_name


def picked(expr: ast.expr, scope: dict[str, Binding], target: Target) -> ast.expr | None:
    """The sub-expression ``expr`` evaluates to, when source decides which: ``None`` else."""
    match expr:
        case ast.IfExp(test=test, body=body, orelse=orelse):
            decided = decide(test, scope, target)
            return None if decided is None else (body if decided else orelse)
        case ast.Subscript(value=table, slice=key):
            if isinstance(table, ast.Name) and isinstance(found := scope.get(table.id), Value):
                table = found.expr if found.expr is not None else table
            wanted = constant_str(key, scope)
            if not isinstance(table, ast.Dict) or wanted is None or None in table.keys:
                return None  # `{**other, ...}`: the key may come from elsewhere
            chosen = None
            for k, v in zip(table.keys, table.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == wanted:
                    chosen = v  # a later duplicate key wins, as in the dict
            return chosen
    return None


def is_partial(func: ast.expr, scope: dict[str, Binding]) -> bool:
    """Whether ``func`` names ``functools.partial`` (``partial``, ``functools.partial``,
    ``ft.partial``)."""
    return imported_as(dotted_name(func) or "", scope) == "functools.partial"


def unpacked(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr | None]] | None:
    """``a, b = x, y``: each name with the element it is bound to (``None`` for a starred
    name or where the shapes differ); ``None`` when ``target`` is no tuple of names."""
    if not isinstance(target, ast.Tuple | ast.List) or not all(
        isinstance(t, ast.Name) or (isinstance(t, ast.Starred) and isinstance(t.value, ast.Name))
        for t in target.elts
    ):
        return None
    names = [dotted_name(t.value if isinstance(t, ast.Starred) else t) or "" for t in target.elts]
    items = value.elts if isinstance(value, ast.Tuple | ast.List) else None
    star = next((i for i, t in enumerate(target.elts) if isinstance(t, ast.Starred)), None)
    if items is None or any(isinstance(e, ast.Starred) for e in items):
        return [(n, None) for n in names]
    if star is None:
        if len(items) != len(names):
            return [(n, None) for n in names]
        return list(zip(names, items, strict=True))
    after = len(names) - star - 1
    if len(items) < len(names) - 1:
        return [(n, None) for n in names]
    head = list(zip(names[:star], items[:star], strict=True))
    tail = list(zip(names[star + 1 :], items[len(items) - after :], strict=True)) if after else []
    return [*head, (names[star], None), *tail]


def loop_items(stmt: ast.For) -> list[ast.expr] | None:
    """The items of a module-level ``for`` over a literal (a tuple or list of literals or
    tuples, or a literal dict's ``.items()``), when few enough to read once per item."""
    items: list[ast.expr] | None = None
    match stmt.iter:
        case ast.Tuple(elts=elts) | ast.List(elts=elts):
            items = list(elts)
        case ast.Call(func=ast.Attribute(value=ast.Dict() as table, attr="items"), args=[]):
            if None in table.keys:
                return None
            items = [
                ast.Tuple(elts=[k, v], ctx=ast.Load())
                for k, v in zip(table.keys, table.values, strict=True)
                if k is not None
            ]
    if items is None or len(items) > UNROLLED:
        return None
    return items
