"""Module-level names that certainly hold a literal when the module's later statements run
(PC515 evaluates ``_DEFAULTS["ctx"]`` in a default or a decorator's option as Python would).

A name qualifies only when nothing can change what it holds: one top-level assignment of a
literal-only expression (``_DEFAULTS = {"first": True}``), no other binding of the name anywhere
in the module (a function's local of the same name, ``global``, an import, a loop target), and
every other use a plain read of one item (``_DEFAULTS["first"]``), not a call of a method on it
or on the item, an item assignment or deletion, or the name passed along. A module that uses
``globals()``, ``vars()``, ``sys.modules``, ``exec``/``eval`` or a star import has none."""

from __future__ import annotations

import ast
from collections import Counter

from plugcheck.static.parse import ModuleInfo

_REACHES_GLOBALS = frozenset({"globals", "vars", "locals", "exec", "eval", "modules", "__dict__"})
_LITERALS = (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Constant)


def literal_names(info: ModuleInfo) -> dict[str, ast.Assign]:
    """The qualifying names and their one top-level assignment; computed once per tree (the
    caller must not change the dict)."""
    return info.derived("literal_names", _literal_names)


_BINDERS = (
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler, ast.MatchAs,
    ast.MatchStar,
)  # fmt: skip


def _literal_names(info: ModuleInfo) -> dict[str, ast.Assign]:
    tree = info.tree
    assigned = {
        stmt.targets[0].id: stmt
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and isinstance(stmt.value, _LITERALS)
    }
    if not assigned:
        return {}
    if reaches_globals(info):
        return {}
    nodes = info.nodes
    bound: Counter[str] = Counter()
    for name in nodes(ast.Name):
        if not isinstance(name.ctx, ast.Load):
            bound[name.id] += 1
    for scope in nodes(ast.Global):
        bound.update(scope.names)
    for nonlocal_ in nodes(ast.Nonlocal):
        bound.update(nonlocal_.names)
    for alias in nodes(ast.alias):
        bound[alias.asname or alias.name.partition(".")[0]] += 1
    for kind in _BINDERS:
        for binder in nodes(kind):
            named = getattr(binder, "name", None)  # None: `except E:`, a bare `case _`
            if isinstance(named, str):
                bound[named] += 1
    bound.update(m.rest for m in nodes(ast.MatchMapping) if m.rest is not None)
    names = {name: stmt for name, stmt in assigned.items() if bound[name] == 1}
    if names:
        _drop_other_uses(info, names)
    return names


def reaches_globals(info: ModuleInfo) -> bool:
    """Whether the module can rebind its globals in a way no binding spells: ``globals()``,
    ``vars()``, ``exec``/``eval``, ``sys.modules``, ``__dict__``, a star import."""
    nodes = info.nodes
    return (
        any(a.name == "*" for node in nodes(ast.ImportFrom) for a in node.names)
        or any(node.attr in _REACHES_GLOBALS for node in nodes(ast.Attribute))
        or any(node.id in _REACHES_GLOBALS for node in nodes(ast.Name))
    )


def _drop_other_uses(info: ModuleInfo, names: dict[str, ast.Assign]) -> None:
    """Keep the names whose every read is ``name[key]`` read as a value (not an item stored or
    deleted, not ``name[key].method(...)`` nor ``name.method(...)``)."""
    subscripts = info.nodes(ast.Subscript)
    # A name node has one parent: read as an item exactly when it is a loaded subscript's value.
    items = {id(s.value) for s in subscripts if isinstance(s.ctx, ast.Load)}
    for node in info.nodes(ast.Name):
        if node.id in names and isinstance(node.ctx, ast.Load) and id(node) not in items:
            names.pop(node.id, None)
    parents: list[ast.Attribute | ast.Subscript] = [*info.nodes(ast.Attribute), *subscripts]
    for parent in parents:
        if isinstance(parent.value, ast.Subscript):
            name = _read_name(parent.value.value)
            if name in names and (
                isinstance(parent, ast.Attribute) or not isinstance(parent.ctx, ast.Load)
            ):
                names.pop(
                    name, None
                )  # `name[key].append(...)`, `name[key][k] = v`: the item changes


def _read_name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) else None
