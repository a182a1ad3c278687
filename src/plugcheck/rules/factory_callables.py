"""Factories that are not module functions: a classmethod or staticmethod of one of the plugin's
classes (``new = Plugin.create``, ``return Plugin.create()``) and an instance whose class
defines ``__call__`` (``new = _Factory()``). Read here: the function the host's call runs, and
what it returns with ``cls`` standing for the class the classmethod is reached through."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from plugcheck.rules.instance_state import chain, inherited
from plugcheck.rules.reached import Reader, Untold, returns_on_target
from plugcheck.rules.straight_code import body_nodes
from plugcheck.static.bindings import Binding, ClassValue, Instance, Routine
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import call_fits


@dataclass(frozen=True, slots=True)
class Member:
    """The function a call of the factory runs; ``owner`` is what its first parameter holds
    when that is the class (a classmethod), ``None`` when nothing is substituted."""

    fn: ast.FunctionDef
    module: ModuleInfo
    owner: ClassValue | None
    label: str


def called_member(reader: Reader, value: Binding) -> Member | None:
    """The classmethod, staticmethod or ``__call__`` a call with no arguments of ``value``
    runs, when it is the plugin's own, undecorated otherwise, and takes that call."""
    if isinstance(value, Routine):
        fn = value.node
        if not (
            value.in_class
            and value.kind in ("classmethod", "staticmethod")
            and isinstance(fn, ast.FunctionDef)
            and not value.opaque
            and value.wrapped_by is None
            and reader.mine(value.module)
            and len(fn.decorator_list) == 1
        ):
            return None
        owner = _owner(reader, value) if value.kind == "classmethod" else None
        if value.kind == "classmethod" and owner is None:
            return None
        shift = 1 if value.kind == "classmethod" else 0
        if not call_fits(fn.args, shift, ()):
            return None
        return Member(fn, value.module, owner, f"{value.owner}.{fn.name}()")
    if isinstance(value, Instance) and reader.mine(value.cls.module):
        found = inherited(chain(reader.ns, value.cls, reader.own), "__call__")
        if found is None:
            return None
        cls, call = found
        if (
            not isinstance(call, ast.FunctionDef)
            or call.decorator_list
            or not reader.mine(cls.module)
            or not call_fits(call.args, 1, ())
        ):
            return None
        return Member(call, cls.module, None, f"{value.cls.node.name}.__call__()")
    return None


def _owner(reader: Reader, value: Routine) -> ClassValue | None:
    """The class a classmethod is defined in, when its module binds that class by its name."""
    if value.owner is None:
        return None
    found = reader.ns.value(
        value.module, ast.Name(value.owner, ast.Load()), reader.scope(value.module)
    )
    return found if isinstance(found, ClassValue) else None


def member_returns(reader: Reader, member: Member) -> ast.expr | Untold | None:
    """What the member returns on the target, the classmethod's ``cls`` replaced by its class's
    name (``None``: nothing; ``Untold``: not known, a generator function included)."""
    fn = member.fn
    if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in body_nodes(fn)):
        return Untold()
    returned = returns_on_target(fn.body, reader.scope(member.module), reader.ns.target)
    if member.owner is None or not isinstance(returned, ast.expr):
        return returned
    first = [*fn.args.posonlyargs, *fn.args.args][0].arg
    replaced = copy.deepcopy(returned)
    for node in ast.walk(replaced):
        if isinstance(node, ast.Name) and node.id == first:
            node.id = member.owner.node.name
    return replaced
