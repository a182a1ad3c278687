"""A factory bound to ``functools.partial(...)``: the call it makes when the host calls it."""

from __future__ import annotations

import ast

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.reached import Reader
from plugcheck.rules.signatures.codes import PC201
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.picked import is_partial
from plugcheck.static.syntax import call_fits


def partial_call(reader: Reader, value: ast.expr, info: ModuleInfo) -> ast.Call | None:
    """``functools.partial(cls, ...)`` spelled any way the module imports it, as the call it
    makes when the host calls it with no arguments."""
    if not isinstance(value, ast.Call) or not value.args:
        return None
    if not is_partial(value.func, reader.scope(info)):
        return None
    return ast.Call(value.args[0], value.args[1:], value.keywords)


def partial_unfit(
    plugin: Plugin, reader: Reader, call: ast.Call, info: ModuleInfo, factory: str
) -> Finding | None:
    """PC201 for ``functools.partial(fn, ...)`` over an undecorated function of the plugin's own
    whose parameters the partial's arguments and the host's call of ``factory()`` (none) do
    not fill: the host's call raises TypeError (mypy types the partial as taking anything)."""
    fn = reader.own_function(info, call.func)
    if fn is None or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    keywords = [k.arg for k in call.keywords]
    if None in keywords or call_fits(fn.args, len(call.args), [k for k in keywords if k]):
        return None
    shown = ast.unparse(ast.Call(ast.Name("partial"), [call.func, *call.args], call.keywords))
    return PC201.at(
        plugin,
        Location(info.path, call.lineno, call.col_offset + 1),
        f"{factory} is `{shown}`, and {fn.name}({ast.unparse(fn.args)}) does not take "
        f"what it passes when the host calls {factory}() with no argument: every call raises "
        "TypeError",
        fix=f"bind every required parameter of {fn.name} in the partial, or give them defaults",
        subject=factory,
    )
