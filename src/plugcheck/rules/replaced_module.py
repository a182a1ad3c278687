"""A plugin module that puts another of the plugin's modules in its place: a top-level
``sys.modules[__name__] = other`` (``other`` imported from the plugin's own files). The host's
``import_module`` returns what ``sys.modules`` holds when the import finishes, so its lookups
(``new``, the entry point's attribute) are made on ``other``, not on the file's namespace.

Only an unconditional top-level assignment (the last one wins) of a name or call that source
resolves to one of the plugin's own modules is followed; anything else is left as before.
"""

from __future__ import annotations

import ast

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.reached import namespaces_of
from plugcheck.static.bindings import ModuleRef
from plugcheck.static.parse import ModuleInfo, dotted_name


def replacement(
    ctx: Context, plugin: Plugin, info: ModuleInfo
) -> tuple[ModuleInfo, ast.stmt] | None:
    """The plugin module that replaces ``info`` in ``sys.modules`` while it is imported, and
    the assignment that puts it there."""
    if info.tree is None:
        return None
    value: ast.expr | None = None
    where: ast.stmt | None = None
    for stmt in info.tree.body:
        match stmt:
            case ast.Assign(
                targets=[ast.Subscript(value=table, slice=ast.Name(id="__name__"))]
            ) if dotted_name(table) == "sys.modules":
                value, where = stmt.value, stmt
    if value is None or where is None:
        return None
    ns = namespaces_of(ctx, plugin)
    found = ns.value(info, value, ns.module(info))
    if not isinstance(found, ModuleRef) or found.info is None:
        return None
    if ctx.index.real(found.info.path) == ctx.index.real(info.path):
        return None
    return found.info, where
