"""PC561 where the contract names the classes of the host's arguments but gives no stand-ins:
the whole call is not known (the host may pass more by keyword), but how many arguments it
passes by position is, and an entry function with fewer positional parameters and no
``*args`` cannot take them (Pyramid's ``includeme(config)`` written ``def includeme():``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.setup_signature import PC561
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind
from plugcheck.static.resolve import node_at


@plugin_check(PC561)
def setup_arity(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = setup_contract(ctx.contract)
    if spec is None or spec.stand_ins is not None or not any(spec.arguments):
        return  # with stand-ins the whole call is judged (setup_signature); else nothing known
    info = ctx.module(plugin)
    name = spec.function_of(plugin)
    if info is None or name is None or "." in name:
        return
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.symbol.kind not in (
        SymbolKind.FUNCTION,
        SymbolKind.ASYNC_FUNCTION,
    ):
        return
    function = node_at(found.module, found.symbol.line)
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return
    if function.decorator_list:
        return  # a decorator may replace the function: the harness judges what Python keeps
    args = function.args
    count = len(spec.arguments)
    takes = len(args.posonlyargs) + len(args.args)
    if args.vararg is not None or takes >= count:
        return
    passes = f"{count} argument{'s' if count != 1 else ''}"
    yield PC561.at(
        plugin,
        Location(found.module.path, function.lineno, function.col_offset + 1),
        f"{name}() takes {takes} positional parameter{'s' if takes != 1 else ''}, but the host "
        f"passes it {passes} by position (the contract's setup-function "
        f"`argument{'s' if count != 1 else ''}` names {'them' if count != 1 else 'it'}); the "
        "host's call raises TypeError",
        fix=f"give {function.name}() one parameter per argument the host passes, in order",
    )
