"""A lifecycle member the class body binds to a builtin function (``shutdown = len``), as the
host's call meets it: a builtin function is no descriptor, so Python passes it the host's
arguments only, not the instance, while mypy reads the member as a method and binds the
instance to its first parameter. Only imported inside a mypy build (it imports mypy)."""

from __future__ import annotations

import builtins
import types

from mypy.nodes import Var
from mypy.types import CallableType, Instance, Overloaded, ProperType, get_proper_type


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
