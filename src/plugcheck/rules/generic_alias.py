"""A setup function's ``return Checker[int]`` where the host wants a class: subscripting a
class gives a typing alias (a ``Generic`` class) or raises TypeError (a plain one), never a
class, so the host's ``issubclass(cls, Base)`` refuses it (PC562)."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.factory_construct import mentions
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at

_PLAIN_BASES = {
    ("abc", "ABC"),
    ("typing", "Generic"),
    ("typing_extensions", "Generic"),
    ("typing", "Protocol"),
    ("typing_extensions", "Protocol"),
}
"""Bases whose ``__class_getitem__`` (if any) returns an alias, never a class."""


def subscripted_class(
    ctx: Context, plugin: Plugin, module: ModuleInfo, value: ast.Subscript, local: set[str]
) -> str | None:
    """Why ``return <value>`` is no class: it subscripts a class statement whose hierarchy
    source reads whole and where nothing defines ``__class_getitem__`` or a metaclass."""
    if not isinstance(value.value, ast.Name) or value.value.id in local:
        return None
    found = ctx.index.resolve(module, value.value.id, ctx.roots(plugin))
    if not isinstance(found, Resolved) or not _plain(ctx, plugin, found, 0):
        return None
    return (
        f"returns {ast.unparse(value)[:40]}: subscripting the class {value.value.id} gives a "
        "typing alias (or raises TypeError), not a class"
    )


def _plain(ctx: Context, plugin: Plugin, found: Resolved, depth: int) -> bool:
    if depth > 10 or found.symbol.kind is not SymbolKind.CLASS:
        return False
    node = node_at(found.module, found.symbol.line)
    if (
        not isinstance(node, ast.ClassDef)
        or node.keywords
        or node.decorator_list
        or mentions(found.module, "__class_getitem__")
    ):
        return False
    for base in node.bases:
        spelled = dotted_name(base.value if isinstance(base, ast.Subscript) else base) or ""
        if spelled == "object":
            continue
        head, _, attr = spelled.partition(".")
        symbol = found.module.symbols.get(head)
        if symbol is not None and symbol.kind is SymbolKind.IMPORT:
            origin = (
                (symbol.import_module or "", attr)
                if symbol.import_name is None
                else (symbol.import_module or "", symbol.import_name)
            )
            if origin in _PLAIN_BASES and (symbol.import_name is None) == bool(attr):
                continue
        if attr:
            return False
        inner = ctx.index.resolve(found.module, head, ctx.roots(plugin))
        if not isinstance(inner, Resolved) or not _plain(ctx, plugin, inner, depth + 1):
            return False
    return True
