"""Lifecycle methods a class decorator of the plugin's own takes away: ``del cls.run``,
``delattr(cls, "run")``, ``cls.run = None``, ``setattr(cls, "run", None)`` or ``cls.run =
property(lambda self: None)`` in a plain function that returns the class it was given. The
class statement binds what the decorator returns, that same class, now without a callable
``run``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.rules.reached import STEPS, Reader
from plugcheck.static.bindings import ClassValue, Routine
from plugcheck.static.parse import ModuleInfo

_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.Delete, ast.Pass, ast.FunctionDef)
"""Statements the reading goes past: none of them skips or repeats another."""


@dataclass(frozen=True, slots=True)
class TakenAway:
    member: str
    where: ast.stmt
    """The statement that takes it away."""
    decorator: ast.FunctionDef
    module: ModuleInfo
    """The decorator's module."""
    how: str
    """``deleted``, ``set to None`` or ``replaced by a property whose value is ...``."""


def taken_away(reader: Reader, cls: ClassValue) -> Iterator[TakenAway]:
    """The lifecycle members the class's one decorator takes away from it for good: the
    decorator is a plain ``def`` of the plugin's own whose body is straight-line statements
    ending in ``return <its parameter>``; a member deleted or set to ``None`` there and not
    bound again after."""
    decorators = cls.node.decorator_list
    if len(decorators) != 1 or not isinstance(decorators[0], ast.Name):
        return
    found = reader.ns.value(cls.module, decorators[0], reader.scope(cls.module))
    if not isinstance(found, Routine) or found.in_class or not reader.mine(found.module):
        return
    fn = found.node
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list:
        return
    params = [*fn.args.posonlyargs, *fn.args.args]
    if len(params) != 1 or not fn.body:
        return
    param = params[0].arg
    *body, last = fn.body
    if not (isinstance(last, ast.Return) and _is(last.value, param)):
        return
    shadowed = {"delattr", "setattr", "property"} & set(reader.scope(found.module))
    gone: dict[str, TakenAway] = {}
    for stmt in body:
        if not isinstance(stmt, _STRAIGHT):
            return  # a branch or a loop: what the body does is not read
        for member, how in _changes(stmt, param, shadowed):
            if how is None:
                gone.pop(member, None)  # bound again
            elif member in STEPS:
                gone[member] = TakenAway(member, stmt, fn, found.module, how)
    yield from gone.values()


def _is(node: ast.expr | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _changes(stmt: ast.stmt, param: str, shadowed: set[str]) -> Iterator[tuple[str, str | None]]:
    """(member, ``deleted``/``set to None``/``None`` for bound to something else) for each
    member of ``param`` that ``stmt`` changes; ``shadowed``: builtins the module rebinds."""
    match stmt:
        case ast.Delete(targets=targets):
            for target in targets:
                if isinstance(target, ast.Attribute) and _is(target.value, param):
                    yield target.attr, "deleted"
        case ast.Assign(targets=targets, value=value):
            for target in targets:
                if isinstance(target, ast.Attribute) and _is(target.value, param):
                    yield target.attr, _uncallable(value, shadowed)
        case ast.Expr(value=ast.Call(func=ast.Name(id=func), args=args, keywords=[])):
            if func not in {"delattr", "setattr"} - shadowed or not args or not _is(args[0], param):
                return
            key = args[1] if len(args) > 1 else None
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return
            if func == "delattr" and len(args) == 2:
                yield key.value, "deleted"
            elif func == "setattr" and len(args) == 3:
                yield key.value, _uncallable(args[2], shadowed)


def _uncallable(value: ast.expr, shadowed: set[str]) -> str | None:
    """How binding ``value`` as a method leaves it uncallable: ``None``, or a ``property``
    whose getter returns a constant (``property(lambda self: None)``: the attribute's value
    is that constant); ``None`` for any other value."""
    if isinstance(value, ast.Constant) and value.value is None:
        return "set to None"
    match value:
        case ast.Call(
            func=ast.Name(id="property"), args=[ast.Lambda(body=ast.Constant() as got), *_]
        ):
            if "property" not in shadowed:
                return f"replaced by a property whose value is {ast.unparse(got)}"
    return None
