"""Which attributes an instance of the factory's class can hold, and where its methods come from.

A class and its own bases (a single-inheritance chain through the plugin's classes, as far as
source tells) decide whether ``self.name = ...`` succeeds: a frozen dataclass refuses every
assignment (a subclass of one, its fields), ``__slots__`` on every class of the chain refuse
names they lack, and a ``NamedTuple`` has no ``__dict__`` at all.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plugcheck.rules.generated_slots import generated_refusal
from plugcheck.static.bindings import ClassValue, Foreign, ModuleRef
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import dotted_name
from plugcheck.static.syntax import target_names

Refusal = Callable[[str], str | None]
"""Why assigning the attribute fails on every instance (``None``: it may succeed)."""


@dataclass(frozen=True, slots=True)
class Chain:
    """The class, then its base, then that base's base... (the plugin's own classes)."""

    classes: list[ClassValue]
    complete: bool
    """It ends at ``object``: no base source does not show."""
    foreign: tuple[str, str] | None = None
    """The one base outside the plugin where the chain stops (module, name), if any."""


def chain(ns: Namespaces, cls: ClassValue, own: set[Path]) -> Chain:
    """The class's method resolution order as far as the plugin's own classes go: one base
    followed to ``object``, or several bases linearized the way Python does (C3) when every
    base is one of the plugin's classes."""
    classes = [cls]
    current = cls
    while len(classes) < 12:
        if current.node.keywords:
            return Chain(classes, False)  # a metaclass or class keywords
        bases = [b for b in current.node.bases if dotted_name(b) != "object"]
        if not bases:
            return Chain(classes, True)
        if len(bases) > 1:
            order = _linearized(ns, current, own, 0)
            return Chain([*classes[:-1], *order], True) if order else Chain(classes, False)
        found = ns.value(current.module, bases[0], ns.module(current.module))
        if not isinstance(found, ClassValue) or found.module.path.resolve() not in own:
            return Chain(classes, False, foreign_base(ns, current, bases[0]))
        classes.append(found)
        current = found
    return Chain(classes, False)


def _linearized(
    ns: Namespaces, cls: ClassValue, own: set[Path], depth: int
) -> list[ClassValue] | None:
    """C3 linearization of ``cls`` (``object`` left out); ``None`` when a base is not one of
    the plugin's classes, a class has keywords (a metaclass), or Python would refuse the order."""
    if depth > 8 or cls.node.keywords:
        return None
    parents: list[list[ClassValue]] = []
    for base in cls.node.bases:
        if dotted_name(base) == "object":
            continue
        found = ns.value(cls.module, base, ns.module(cls.module))
        if not isinstance(found, ClassValue) or found.module.path.resolve() not in own:
            return None
        order = _linearized(ns, found, own, depth + 1)
        if order is None:
            return None
        parents.append(order)
    heads = [p[0] for p in parents]
    pending = [list(p) for p in parents if p] + ([heads] if heads else [])
    result = [cls]
    while pending:
        pick = next(
            (p[0] for p in pending if not any(p[0].node is c.node for q in pending for c in q[1:])),
            None,
        )
        if pick is None:
            return None  # an inconsistent order: Python raises TypeError at class creation
        result.append(pick)
        pending = [[c for c in p if c.node is not pick.node] for p in pending]
        pending = [p for p in pending if p]
    return result


def foreign_base(ns: Namespaces, cls: ClassValue, base: ast.expr) -> tuple[str, str] | None:
    """(module, name) of a base of ``cls`` outside the plugin, as its module imports it."""
    scope = ns.module(cls.module)
    if isinstance(base, ast.Name):
        found = scope.get(base.id)
        return (found.module, found.name) if isinstance(found, Foreign) else None
    name = dotted_name(base) or ""
    head, _, attr = name.rpartition(".")
    module = scope.get(head)
    return (module.name, attr) if isinstance(module, ModuleRef) and attr else None


def names_bound(node: ast.ClassDef) -> set[str]:
    """The names a class body binds (methods, attributes, annotations)."""
    names: set[str] = set()
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names.update(n for t in targets for n in target_names(t))
    return names


def _decorator(node: ast.expr) -> str:
    return (dotted_name(node.func if isinstance(node, ast.Call) else node) or "").rsplit(".")[-1]


def frozen(node: ast.ClassDef) -> bool:
    return any(
        isinstance(d, ast.Call)
        and _decorator(d) == "dataclass"
        and any(
            k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in d.keywords
        )
        for d in node.decorator_list
    )


def _fields(node: ast.ClassDef) -> set[str]:
    return {
        s.target.id
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    }


def _slots(node: ast.ClassDef) -> set[str] | None:
    """The names the class body's ``__slots__`` lists; ``None`` without a literal one."""
    slots: set[str] | None = None
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and [dotted_name(t) for t in stmt.targets] == ["__slots__"]:
            try:
                value = ast.literal_eval(stmt.value)
            except ValueError:
                return None
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, tuple | list) or not all(isinstance(n, str) for n in names):
                return None
            slots = set(names)
    return slots


def refusal(found: Chain, *, past_frozen: bool = False) -> Refusal | None:
    """Why assigning an attribute on an instance of the chain's class always fails, per name;
    ``None`` when no assignment is certain to fail. ``past_frozen``: the store is
    ``object.__setattr__(self, name, value)``'s, which frozen classes do not refuse."""
    classes = [c.node for c in found.classes]
    if any("__setattr__" in names_bound(c) or "__getattr__" in names_bound(c) for c in classes):
        return None
    if found.complete and len(classes) == 1:
        made = generated_refusal(
            classes[0], found.classes[0].module, names_bound(classes[0]), past_frozen=past_frozen
        )
        if made is not None or past_frozen:
            return made
    if past_frozen:
        return None
    if any(any(_decorator(d) != "dataclass" for d in c.decorator_list) for c in classes):
        return None  # another decorator may replace the class
    me = classes[0]
    if frozen(me):

        def frozen_class(name: str) -> str:
            return f"{me.name} is a frozen dataclass: assigning `{name}` raises FrozenInstanceError"

        return frozen_class
    base = next((c for c in classes[1:] if frozen(c)), None)
    if base is not None and not me.decorator_list:
        fields = set().union(*(_fields(c) for c in classes[classes.index(base) :]))

        def frozen_field(name: str) -> str | None:
            if name not in fields:
                return None
            return (
                f"`{name}` is a field of the frozen dataclass {base.name}, a base of {me.name}: "
                "assigning it raises FrozenInstanceError"
            )

        return frozen_field
    if found.foreign in (("typing", "NamedTuple"), ("typing_extensions", "NamedTuple")):

        def named_tuple(name: str) -> str:
            return (
                f"{me.name} is a NamedTuple: its instances have no __dict__ and read-only "
                f"fields, so assigning `{name}` raises AttributeError"
            )

        return named_tuple
    if not found.complete or any(c.decorator_list for c in classes):
        return None
    slots = [_slots(c) for c in classes]
    if any(s is None or "__dict__" in s for s in slots):
        return None  # a class without __slots__ gives the instance a __dict__
    allowed = set().union(*(s or set() for s in slots), *(names_bound(c) for c in classes))

    def slotted(name: str) -> str | None:
        if name in allowed:
            return None
        where = (
            f"the __slots__ of {me.name}'s classes lack"
            if len(classes) > 1
            else f"{me.name}.__slots__ has no"
        )
        return (
            f"{where} `{name}` and the instance has no __dict__: assigning it raises AttributeError"
        )

    return slotted


def inherited(found: Chain, name: str) -> tuple[ClassValue, ast.stmt] | None:
    """The class of the chain whose body binds ``name`` first (method resolution order for a
    single-inheritance chain), with that binding; ``None`` when source does not show it."""
    for cls in found.classes:
        binding = None
        for stmt in cls.node.body:
            if name in _bound_by(stmt):
                binding = stmt
        if binding is not None:
            return cls, binding
    return None


def _bound_by(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n for t in targets for n in target_names(t)}
    return set()
