"""PC216's properties: a ``self.name = ...`` or ``del self.name`` where the class binds
``name`` to a ``property`` without a setter (or without a deleter).

A property is a data descriptor: ``object.__setattr__`` finds it on the class before the
instance's ``__dict__`` and calls its setter, and one made without a setter raises
``AttributeError: property 'name' of 'Worker' object has no setter`` (``del``: no deleter).
Judged only where source shows it all: the plugin's own chain of classes to ``object`` (no base
outside the plugin, no metaclass), none with ``__setattr__``, ``__delattr__`` or a class
decorator, the first class binding the name binding it with ``@property`` (the builtin, not
rebound) on a ``def``, and no statement of that class body naming the setter (``@name.setter``,
``name.setter(...)``, ``property(...)`` again) or deleter.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.rules.instance_state import Chain, Refusal, inherited
from plugcheck.static.parse import dotted_name
from plugcheck.static.syntax import walk

_ATTRIBUTE_HOOKS = frozenset({"__setattr__", "__delattr__", "__getattribute__"})


def _read_only(found: Chain, name: str, accessor: str) -> str | None:
    """The class whose property ``name`` has no ``accessor`` (``setter``, ``deleter``)."""
    where = inherited(found, name)
    if where is None:
        return None
    owner = where[0]
    defs = [s for s in owner.node.body if isinstance(s, ast.FunctionDef) and s.name == name]
    if not defs or [d.decorator_list[:1] for d in defs if len(d.decorator_list) != 1]:
        return None
    first = defs[0].decorator_list[0]
    if dotted_name(first) != "property" or "property" in owner.module.symbols:
        return None
    for stmt in owner.node.body:
        for node in walk(stmt):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in (accessor, "getter")
                and dotted_name(node.value) == name
            ):
                return None  # `@name.setter` (a getter makes a new property: not judged)
    return owner.node.name


def property_refusals(found: Chain) -> tuple[Refusal | None, Refusal | None]:
    """(why ``self.name = ...``, why ``del self.name`` always fails, per name) for properties
    without a setter or a deleter; ``None`` where source does not show it certainly fails."""
    if not found.complete or found.foreign is not None:
        return None, None
    for cls in found.classes:
        node = cls.node
        if node.keywords or node.decorator_list:
            return None, None
        if any(isinstance(s, ast.FunctionDef | ast.Assign) and _binds_hook(s) for s in node.body):
            return None, None

    def refusal(accessor: str, doing: str) -> Callable[[str], str | None]:
        def why(name: str) -> str | None:
            owner = _read_only(found, name, accessor)
            if owner is None:
                return None
            return (
                f"{owner}.{name} is a property without a {accessor}: {doing} `{name}` raises "
                f"AttributeError: property {name!r} of {found.classes[0].node.name!r} object "
                f"has no {accessor}"
            )

        return why

    return refusal("setter", "assigning"), refusal("deleter", "deleting")


def _binds_hook(stmt: ast.FunctionDef | ast.Assign) -> bool:
    if isinstance(stmt, ast.FunctionDef):
        return stmt.name in _ATTRIBUTE_HOOKS
    return any(isinstance(t, ast.Name) and t.id in _ATTRIBUTE_HOOKS for t in stmt.targets)
