"""An instance a plugin module makes of its own class while it is imported (``_plugin =
_Plugin()``, whose bound methods pluggy registers), when the class's ``__init__`` certainly
fails: its straight-line code reaches a ``raise``, or assigns ``self.name`` where the class's
literal ``__slots__`` leaves ``name`` out and nothing else gives the instance a place for it
(AttributeError: a slotted instance has no ``__dict__``). For PC515.

Judged only for a class statement bound once at the module's top level, with no decorator,
keyword or base other than ``object``, no ``__new__``/``__setattr__`` of its own, and a plain
``__init__``; and only where the call is certainly evaluated (the statement's value, or the
object an attribute or a call is read from)."""

from __future__ import annotations

import ast

from plugcheck.rules.instance_state import names_bound
from plugcheck.rules.literal_names import reaches_globals
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import target_names

_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass)


def instance_refusal(info: ModuleInfo, stmt: ast.stmt) -> tuple[str, ast.stmt] | None:
    """Why the top-level statement ``stmt`` fails making an instance, and where Python stops."""
    value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) else None
    call = _made(value) if value is not None else None
    if call is None or not isinstance(call.func, ast.Name):
        return None
    cls = _own_class(info, call.func.id)
    init = _init(cls) if cls is not None else None
    if cls is None or init is None:
        return None
    params = [a.arg for a in (*init.args.posonlyargs, *init.args.args)]
    slots = _slots(cls)
    bound = names_bound(cls)
    for part in init.body:
        if isinstance(part, ast.Raise) and part.exc is not None:
            return f"`{cls.name}()` runs {cls.name}.__init__, which always raises", part
        if not isinstance(part, _STRAIGHT) or not params:
            return None
        targets = (
            part.targets
            if isinstance(part, ast.Assign)
            else [part.target]
            if isinstance(part, ast.AnnAssign | ast.AugAssign)
            else []
        )
        for target in targets:
            if (
                slots is not None
                and isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == params[0]
                and target.attr not in slots
                and target.attr not in bound
            ):
                return (
                    f"`{cls.name}()` runs {cls.name}.__init__, which sets "
                    f"self.{target.attr}, a name {cls.name}'s __slots__ leaves out: the "
                    f"instance has no __dict__ (AttributeError: '{cls.name}' object has no "
                    f"attribute '{target.attr}')"
                ), part
    return None


def _made(value: ast.expr) -> ast.Call | None:
    """The call of a name certainly evaluated first in ``value``: ``C()``, ``C().attr``,
    ``C().method(...)``."""
    node: ast.expr = value
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            node = node.func
        else:
            break
    return node if isinstance(node, ast.Call) else None


def _own_class(info: ModuleInfo, name: str) -> ast.ClassDef | None:
    """The module's one top-level binding of ``name``, when it is a plain class statement."""
    tree = info.tree
    if tree is None or reaches_globals(info):
        return None
    if any(name in node.names for node in info.nodes(ast.Global)):
        return None
    bindings = [s for s in tree.body if name in _top_bound(s)]
    if len(bindings) != 1 or not isinstance(bindings[0], ast.ClassDef):
        return None
    cls = bindings[0]
    plain_bases = all(isinstance(b, ast.Name) and b.id == "object" for b in cls.bases)
    if cls.decorator_list or cls.keywords or not plain_bases:
        return None
    if {"__new__", "__setattr__", "__getattr__"} & names_bound(cls):
        return None
    return cls


def _top_bound(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement may bind (its nested blocks included)."""
    names: set[str] = set()
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def _init(cls: ast.ClassDef) -> ast.FunctionDef | None:
    found = [s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"]
    if len(found) != 1 or found[0].decorator_list:
        return None
    return found[0]


def _slots(cls: ast.ClassDef) -> set[str] | None:
    """The names a literal ``__slots__`` of the class body lists (``None``: no literal one, or
    one naming ``__dict__``)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and [target_names(t) for t in stmt.targets] == [
            ["__slots__"]
        ]:
            try:
                names = ast.literal_eval(stmt.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return None
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, tuple | list) or not all(isinstance(n, str) for n in names):
                return None
            return None if "__dict__" in names else set(names)
    return None
