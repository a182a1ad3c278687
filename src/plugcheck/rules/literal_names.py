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

_REACHES_GLOBALS = frozenset({"globals", "vars", "locals", "exec", "eval", "modules", "__dict__"})
_LITERALS = (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Constant)


def literal_names(tree: ast.Module) -> dict[str, ast.Assign]:
    """The qualifying names and their one top-level assignment."""
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
    bound: Counter[str] = Counter()
    for node in ast.walk(tree):
        match node:
            case ast.ImportFrom(names=aliases) if any(a.name == "*" for a in aliases):
                return {}
            case ast.Name(id=name) if name in _REACHES_GLOBALS:
                return {}
            case ast.Attribute(attr=attr) if attr in _REACHES_GLOBALS:
                return {}
            case ast.Name(id=name, ctx=ast.Store() | ast.Del()):
                bound[name] += 1
            case ast.Global(names=declared) | ast.Nonlocal(names=declared):
                bound.update(declared)
            case ast.alias(name=name, asname=asname):
                bound[asname or name.partition(".")[0]] += 1
            case (
                ast.FunctionDef(name=name)
                | ast.AsyncFunctionDef(name=name)
                | ast.ClassDef(name=name)
            ):
                bound[name] += 1
            case ast.ExceptHandler(name=str() as name) | ast.MatchAs(name=str() as name):
                bound[name] += 1
            case ast.MatchStar(name=str() as name) | ast.MatchMapping(rest=str() as name):
                bound[name] += 1
    names = {name: stmt for name, stmt in assigned.items() if bound[name] == 1}
    if names:
        _drop_other_uses(tree, names)
    return names


def _drop_other_uses(tree: ast.Module, names: dict[str, ast.Assign]) -> None:
    """Keep the names whose every read is ``name[key]`` read as a value (not an item stored or
    deleted, not ``name[key].method(...)`` nor ``name.method(...)``)."""
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            name = _read_name(child)
            if name is None or name not in names:
                continue
            item = (
                isinstance(parent, ast.Subscript)
                and parent.value is child
                and isinstance(parent.ctx, ast.Load)
            )
            if not item:
                names.pop(name, None)
        if isinstance(parent, ast.Attribute | ast.Subscript) and isinstance(
            parent.value, ast.Subscript
        ):
            name = _read_name(parent.value.value)
            if name in names and (
                isinstance(parent, ast.Attribute) or not isinstance(parent.ctx, ast.Load)
            ):
                names.pop(
                    name, None
                )  # `name[key].append(...)`, `name[key][k] = v`: the item changes


def _read_name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) else None
