"""PC515 for a top-level call of the module's own class that abstract methods leave abstract:
``hooks = _Hooks()`` raises ``TypeError(Can't instantiate abstract class _Hooks with abstract
method helper)`` on every import.

Known only where each class from the called one up to ``abc.ABC`` (or ``metaclass=ABCMeta``) is
the module's own, defined once and undecorated, with no ``__new__`` or ``__init_subclass__``
(either may build the instance otherwise or bind the method), and nothing in the module
rewrites ``__abstractmethods__`` or recomputes it (``abc.update_abstractmethods``). A method
is abstract when the first class of the method resolution order that binds its name binds it
with a ``def`` under ``abc.abstractmethod`` (and ``property``, ``classmethod`` or
``staticmethod`` at most, which keep it abstract).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from plugcheck.rules.linearization import c3
from plugcheck.static.function_walk import binds

if TYPE_CHECKING:
    from plugcheck.rules.class_literals import Facts

_ABC = "abc.ABC"
_KEEP_ABSTRACT = frozenset({"property", "classmethod", "staticmethod"})
_RECOMPUTED = frozenset({"__abstractmethods__", "update_abstractmethods"})


def abstract_call(facts: Facts, value: ast.expr) -> str | None:
    """Why evaluating the top-level ``value`` raises: it calls a class of the module that is
    left abstract (``None``: no such call, or not known)."""
    for call in certain_calls(value):
        if isinstance(call.func, ast.Name) and facts.once(call.func.id):
            left = left_abstract(facts, call.func.id)
            if left:
                shown = ", ".join(left)
                plural = "s" if len(left) > 1 else ""
                return (
                    f"`{ast.unparse(call)[:60]}` raises TypeError(Can't instantiate abstract "
                    f"class {call.func.id} with abstract method{plural} {shown})"
                )
    return None


def left_abstract(facts: Facts, name: str) -> list[str]:
    """The abstract methods the module's class ``name`` leaves (``[]``: none, or not known)."""
    if facts.opaque or _RECOMPUTED & facts.spelled():
        return []
    order = _mro(facts, name, 0)
    if order is None or _ABC not in order:
        return []
    first: dict[str, ast.stmt] = {}
    for cls in (facts.defined[c] for c in order if c in facts.defined):
        last = {bound: stmt for stmt in cls.body for bound in _bound(stmt)}  # the last wins
        for bound, stmt in last.items():
            first.setdefault(bound, stmt)
    if "__new__" in first or "__init_subclass__" in first:
        return []
    return sorted(n for n, stmt in first.items() if _abstract(facts, stmt))


def _mro(facts: Facts, name: str, depth: int) -> list[str] | None:
    """The method resolution order of the module's class ``name`` up to ``abc.ABC`` and
    ``object``; ``None`` when a class in it is not the module's own plain class statement."""
    cls = facts.defined.get(name)
    if cls is None or cls.decorator_list or depth > 20:
        return None
    if any(
        not (k.arg == "metaclass" and named(facts, k.value) == "abc.ABCMeta") for k in cls.keywords
    ):
        return None
    orders: list[list[str] | None] = []
    bases: list[str] = []
    for base in cls.bases:
        base_name = named(facts, base)
        if base_name == _ABC:
            orders.append([_ABC, "object"])
        elif isinstance(base, ast.Name) and base.id in facts.defined:
            orders.append(_mro(facts, base.id, depth + 1))
        elif isinstance(base, ast.Name) and base.id == "object" and facts.unbound("object"):
            orders.append(["object"])
        else:
            return None
        bases.append(orders[-1][0] if orders[-1] else "")
    merged = c3(orders, bases) if bases else ["object"]
    if merged is None:
        return None
    if cls.keywords and _ABC not in merged:
        merged = [*merged[:-1], _ABC, "object"]  # metaclass=ABCMeta: abstract methods count
    return [name, *merged]


def named(facts: Facts, node: ast.expr) -> str | None:
    """``module.attr`` a name or ``module.attr`` spelling stands for, by the module's imports."""
    match node:
        case ast.Attribute(value=ast.Name(id=module), attr=attr) if module in facts.imports:
            return f"{facts.imports[module]}.{attr}"
        case ast.Name(id=name):
            return facts.imports.get(name)
    return None


def _bound(stmt: ast.stmt) -> set[str]:
    """The names a class body's statement binds in the class's namespace."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    found: set[str] = set()
    for node in ast.walk(stmt):
        found |= set(binds(node))
    return found


def _abstract(facts: Facts, stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    names = [
        named(facts, d) or (d.id if isinstance(d, ast.Name) and facts.unbound(d.id) else None)
        for d in stmt.decorator_list
    ]
    return "abc.abstractmethod" in names and all(
        n == "abc.abstractmethod" or n in _KEEP_ABSTRACT for n in names
    )


def certain_calls(node: ast.expr) -> Iterator[ast.Call]:
    """The calls evaluating ``node`` certainly makes (not those under a lambda, a generator,
    a conditional's branches or a boolean operator's later operands)."""
    match node:
        case ast.Call(func=func, args=args, keywords=keywords):
            yield from certain_calls(func)
            for arg in args:
                yield from certain_calls(arg)
            for keyword in keywords:
                yield from certain_calls(keyword.value)
            yield node
        case ast.Attribute(value=inner) | ast.Starred(value=inner) | ast.Await(value=inner):
            yield from certain_calls(inner)
        case ast.Subscript(value=inner, slice=key):
            yield from certain_calls(inner)
            yield from certain_calls(key)
        case ast.Tuple(elts=items) | ast.List(elts=items) | ast.Set(elts=items):
            for item in items:
                yield from certain_calls(item)
        case ast.IfExp(test=first) | ast.BoolOp(values=[first, *_]):
            yield from certain_calls(first)
