"""Module-level names that hold the plugin modules a host function loaded: OpenStackClient's
``PLUGIN_MODULES = get_plugin_modules("openstack.cli.base")``, which other functions of the host
iterate (``for mod in clientmanager.PLUGIN_MODULES: mod.build_option_parser(parser)``)."""

from __future__ import annotations

import ast
from collections.abc import Set

from plugcheck.scaffold.lookups import asks_entry_points
from plugcheck.scaffold.module_loads import LISTED
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def module_lists(trees: list[ast.Module], loaders: Set[str]) -> frozenset[str]:
    """Each marked :data:`.module_loads.LISTED`, the names a host module binds at its top
    level, and in none of its functions, to what a loader returns
    (:func:`.module_loads.module_loaders`), where every function of that loader's name reads
    entry points: the modules it returns are the plugins those name, not modules the host
    names itself (a loader given a literal module name is the host importing its own)."""
    readers: dict[str, bool] = {}
    for tree in trees:
        for fn in walked(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name in loaders:
                readers[fn.name] = readers.get(fn.name, True) and asks_entry_points(fn)
    found: set[str] = set()
    for tree in trees:
        inner = {
            n.id
            for fn in walked(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for n in walked(fn)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        for stmt in tree.body:
            if not isinstance(stmt, ast.Assign | ast.AnnAssign):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            if isinstance(value, ast.Call) and readers.get(dotted(value.func).rpartition(".")[2]):
                found |= {
                    LISTED + t.id for t in targets if isinstance(t, ast.Name) and t.id not in inner
                }
    return frozenset(found)
