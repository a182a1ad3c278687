"""What a module's ``class`` statement really binds its name to, for the namespaces pass's
attribute lookups (``_plugin.dh_render``): the class, unless a decorator of the plugin's own
hands back something else -- an instance of it (``return cls()``), ``None`` (a decorator that
returns nothing), or a value source cannot read. The name itself stays bound to the class for
the rules that judge the decorator (PC210's class decorator returning None or an instance)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from plugcheck.static.applied import NONE
from plugcheck.static.bindings import UNKNOWN, Binding, ClassValue, Instance, Routine
from plugcheck.static.parse import dotted_name
from plugcheck.static.resolve import own_nodes

if TYPE_CHECKING:
    from plugcheck.static.namespaces import Namespaces


def class_bound(ns: Namespaces, cls: ClassValue, scope: dict[str, Binding]) -> Binding:
    made: Binding = cls
    for decorator in reversed(cls.node.decorator_list):
        found = ns.lookup(scope, dotted_name(decorator) or "")
        if (
            isinstance(found, Routine)
            and isinstance(found.node, ast.FunctionDef)
            and not (found.mark or found.opaque or found.in_class or found.node.decorator_list)
        ):
            made = _returned(found.node, made)
    return made


def _returned(fn: ast.FunctionDef, given: Binding) -> Binding:
    """What the plugin's own class decorator ``fn`` returns when given ``given``."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    nodes = own_nodes(fn)
    results = [node.value for node in nodes if isinstance(node, ast.Return)]
    returns = [r for r in results if r is not None]
    if params and not returns:
        stops = ast.Yield | ast.YieldFrom | ast.Raise | ast.Await
        return UNKNOWN if any(isinstance(n, stops) for n in nodes) else NONE
    if not params or len(returns) != len(results):
        return UNKNOWN  # a path may fall off the end and return None
    param = params[0]
    if all(isinstance(r, ast.Name) and r.id == param for r in returns):
        return given
    made = [isinstance(r, ast.Call) and dotted_name(r.func) == param for r in returns]
    if all(made) and isinstance(given, ClassValue):
        return Instance(given)  # `return cls()`: the name holds an instance
    return UNKNOWN
