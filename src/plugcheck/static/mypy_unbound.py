"""A lifecycle member the class body binds to a builtin function (``shutdown = len``), as the
host's call meets it: a builtin function is no descriptor, so Python passes it the host's
arguments only, not the instance, while mypy reads the member as a method and binds the
instance to its first parameter. Only imported inside a mypy build (it imports mypy)."""

from __future__ import annotations

import builtins
import types

from mypy.nodes import TypeInfo, Var
from mypy.types import CallableType, Instance, Overloaded, ProperType, TypeType, get_proper_type


def unbound_builtin(instance: Instance, name: str) -> ProperType | None:
    """The member's own type where the class that binds ``name`` first along the MRO binds it
    to a function of ``builtins`` that is a builtin function at run time (``len``, ``print``):
    what the host's call binds its arguments to. ``None`` for anything else."""
    for info in instance.type.mro:
        node = info.names.get(name)
        if node is None:
            continue
        var = node.node
        if not isinstance(var, Var) or var.type is None:
            return None
        found = get_proper_type(var.type)
        items = found.items if isinstance(found, Overloaded) else [found]
        first = items[0] if items else None
        definition = first.definition if isinstance(first, CallableType) else None
        module, _, short = (definition.fullname if definition is not None else "").rpartition(".")
        value = getattr(builtins, short, None) if module == "builtins" else None
        return found if isinstance(value, types.BuiltinFunctionType) else None
    return None


def class_member(instance: Instance, name: str) -> bool:
    """Whether the class that binds ``name`` first along the MRO binds it to a class
    (``shutdown = str``): a class is no descriptor either, so the host's call makes an
    instance of it from the host's arguments, the value it returns."""
    for info in instance.type.mro:
        node = info.names.get(name)
        if node is None:
            continue
        if isinstance(node.node, TypeInfo):
            return True  # a class statement in the class body
        var = node.node
        found = get_proper_type(var.type) if isinstance(var, Var) and var.type else None
        items = found.items if isinstance(found, Overloaded) else [found]
        return isinstance(found, TypeType) or any(
            isinstance(i, CallableType) and i.is_type_obj() for i in items
        )
    return False
