"""PC201 for a factory the host's call with no arguments can never succeed on, where mypy sees a
fitting callable: ``@functools.singledispatch`` over ``def new()`` (the dispatcher picks an
implementation by its first positional argument, and there is none) and ``new =
iter(()).__next__`` (the iterator of an empty literal: every call raises StopIteration)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.factory_binding import factory_statement
from plugcheck.rules.reached import Reader
from plugcheck.rules.signatures import PC201
from plugcheck.static.applied import imported_as
from plugcheck.static.parse import dotted_name


@plugin_check(PC201)
def wrapped_factory(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    lifecycle = ctx.contract.lifecycle
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.build is not None or not name:
        return  # the host passes arguments: what they dispatch on is not judged
    found = factory_statement(ctx, plugin)
    if found is None:
        return
    stmt, module = found
    if isinstance(stmt, ast.FunctionDef) and len(stmt.decorator_list) == 1:
        deco = stmt.decorator_list[0]
        scope = Reader(ctx, plugin).scope(module)
        if imported_as(dotted_name(deco) or "", scope) == "functools.singledispatch":
            yield PC201.at(
                plugin,
                Location(module.path, stmt.lineno, stmt.col_offset + 1),
                f"{stmt.name} is a functools.singledispatch function, which dispatches on its "
                f"first positional argument, and the host calls {name}() with none: every call "
                f"raises TypeError ({stmt.name} requires at least 1 positional argument)",
                fix=f"drop @singledispatch from {stmt.name} (dispatch inside it on a value it has)",
                subject=name,
            )
    elif (
        isinstance(stmt, ast.Assign)
        and _empty_iterator_next(stmt.value)
        and "iter" not in Reader(ctx, plugin).scope(module)
    ):
        yield PC201.at(
            plugin,
            Location(module.path, stmt.lineno, stmt.col_offset + 1),
            f"{name} is `{ast.unparse(stmt.value)[:60]}`, the __next__ of an empty "
            f"iterator: the host's call {name}() raises StopIteration every time",
            fix=f"make {name} a function that returns a new plugin object",
            subject=name,
        )


def _empty_iterator_next(value: ast.expr) -> bool:
    """``iter(())``, ``iter([])``, ``iter({})`` or ``iter("")``, then ``.__next__``."""
    match value:
        case ast.Attribute(
            attr="__next__", value=ast.Call(func=ast.Name(id="iter"), args=[arg], keywords=[])
        ):
            if isinstance(arg, ast.Dict):
                return not arg.keys
            if isinstance(arg, ast.Tuple | ast.List):
                return not arg.elts
            return isinstance(arg, ast.Constant) and arg.value in ("", b"")
    return False
