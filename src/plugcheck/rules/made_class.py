"""PC210 for a factory bound to the class a module-level function makes (``Plugin = _make()``
over ``def _make(): class Plugin(Base): ...; return Plugin``) that leaves the host's abstract
methods unimplemented: mypy types an unannotated function's result as Any (PC207), while source
tells the class and what it defines."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.abstract_left import host_class, left_abstract
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.factory_binding import factory_statement
from plugcheck.rules.reached import reader_of
from plugcheck.rules.signatures.codes import PC210
from plugcheck.static.bindings import Routine


@plugin_check(PC210)
def made_abstract(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    lifecycle = ctx.contract.lifecycle
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.protocol is None or not name:
        return
    found = factory_statement(ctx, plugin)
    if found is None:
        return
    stmt, module = found
    if not isinstance(stmt, ast.Assign):
        return
    call = stmt.value
    if not isinstance(call, ast.Call) or call.args or call.keywords:
        return
    reader = reader_of(ctx, plugin)
    maker = reader.ns.value(module, call.func, reader.scope(module))
    if not isinstance(maker, Routine) or not reader.mine(maker.module):
        return
    cls = _returned_class(maker)
    host = host_class(ctx, lifecycle.protocol) if cls is not None else None
    if cls is None or host is None:
        return
    left = left_abstract(ctx, plugin, maker.module, cls, host)
    if not left:
        return
    shown = f"{lifecycle.protocol.module}.{lifecycle.protocol.name}"
    yield PC210.at(
        plugin,
        Location(maker.module.path, cls.lineno, cls.col_offset + 1),
        f"{name} is the class {ast.unparse(call)} makes, {cls.name}, which leaves the abstract "
        f"{', '.join(left)} of {shown} unimplemented: instantiating it raises TypeError, so "
        f"the host's call to {name} fails",
        fix=f"implement {', '.join(left)} in {cls.name}",
        subject=name,  # it predicts the factory step's TypeError
    )


def _returned_class(maker: Routine) -> ast.ClassDef | None:
    """The class statement of a plain function with no parameters whose body is that class
    statement, then ``return`` of its name (a docstring first at most)."""
    fn = maker.node
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list or maker.in_class:
        return None
    if maker.opaque or maker.wrapped_by or maker.forwards_to or maker.kind != "function":
        return None
    args = fn.args
    if args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg:
        return None
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    match body:
        case [ast.ClassDef() as cls, ast.Return(value=ast.Name(id=returned))] if (
            returned == cls.name
        ):
            return cls
    return None
