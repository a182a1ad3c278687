"""Uses of a value the host's own code shows are not uses of a plugin module, though the value
may hold one elsewhere: a deserializer returns a module for one kind of record and other
objects for the rest (Twisted's AOT ``unjellyAO``), and only its module is a plugin's."""

from __future__ import annotations

import ast
import types

from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

EVERY_MODULE_HAS = frozenset(dir(types.ModuleType))
"""Names every module has (``__getstate__``, ``__dir__``): the host calling one asks nothing of
a plugin, so it is never an export to require."""

_MODULE_TYPES = frozenset({"ModuleType", "object"})


def narrowed_away(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, set[int]]:
    """Per holder (``o``, ``self.x``), the ids of the nodes of ``fn`` that run only where the
    host has just found it an instance of a type no module is: Twisted's unjellier calls
    ``o.addDependant(obj, loc)`` only under ``if isinstance(o, crefutil.NotKnown):``."""
    away: dict[str, set[int]] = {}
    for node in walked(fn):
        if not isinstance(node, ast.If):
            continue
        tests = node.test.values if isinstance(node.test, ast.BoolOp) else [node.test]
        if isinstance(node.test, ast.BoolOp) and not isinstance(node.test.op, ast.And):
            continue
        for test in tests:
            holder = _other_type(test)
            if holder:
                away.setdefault(holder, set()).update(
                    id(n) for stmt in node.body for n in walked(stmt)
                )
    return away


def _other_type(test: ast.expr) -> str | None:
    """``isinstance(<holder>, T)`` (or a tuple of types), none of them ``ModuleType`` or
    ``object``: the holder's dotted name."""
    if not (
        isinstance(test, ast.Call)
        and dotted(test.func) == "isinstance"
        and len(test.args) == 2
        and not test.keywords
    ):
        return None
    kinds = test.args[1].elts if isinstance(test.args[1], ast.Tuple) else [test.args[1]]
    names = [dotted(k).rpartition(".")[2] for k in kinds]
    if not names or not all(names) or _MODULE_TYPES & set(names):
        return None
    return dotted(test.args[0]) or None


def narrowed_use(node: ast.AST, away: dict[str, set[int]]) -> bool:
    """``node`` uses a holder (``o.name``, ``o.name(...)``, ``getattr(o, ...)``) where
    :func:`narrowed_away` found it no module."""
    if isinstance(node, ast.Call):
        target = node.args[0] if dotted(node.func) == "getattr" and node.args else node.func
        holder = dotted(target) if target is not node.func else dotted(target).rpartition(".")[0]
    elif isinstance(node, ast.Attribute):
        holder = dotted(node.value)
    else:
        return False
    return bool(holder) and id(node) in away.get(holder, ())
