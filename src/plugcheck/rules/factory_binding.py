"""Where the contract's factory is bound in the plugin, as the host's lookup finds it: the
statement Python keeps for the factory's name (when the module certainly runs it), or an entry
point's ``Class.create`` attribute path as the expression ``ep.load()`` evaluates. Where
``factory_product`` starts following the factory."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.factory import _kept_defs
from plugcheck.static.index import Resolved
from plugcheck.static.kept import kept_line
from plugcheck.static.parse import ModuleInfo


def factory_statement(ctx: Context, plugin: Plugin) -> tuple[ast.stmt, ModuleInfo] | None:
    """The statement binding the factory that Python keeps, when the module certainly runs it."""
    return _kept_binding(ctx, plugin, (ast.FunctionDef, ast.Assign))


def factory_class(ctx: Context, plugin: Plugin) -> tuple[ast.stmt, ModuleInfo] | None:
    """The class statement Python keeps for the factory's name, when the factory is a class
    (a subclass host's ``Plugin``, built with the options) and the module certainly runs it."""
    return _kept_binding(ctx, plugin, (ast.ClassDef,))


def _kept_binding(
    ctx: Context, plugin: Plugin, kinds: tuple[type[ast.stmt], ...]
) -> tuple[ast.stmt, ModuleInfo] | None:
    lifecycle = ctx.contract.lifecycle
    info = ctx.module(plugin)
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.protocol is None or not name or info is None:
        return None
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.tree is None:
        return None
    line = kept_line(found, ctx.env)
    for stmt, kept, _ in _kept_defs(found.module.tree.body, ctx.env):
        if stmt.lineno == line and isinstance(stmt, kinds):
            return (stmt, found.module) if kept else None
    return None


def attribute_path(ctx: Context, plugin: Plugin) -> tuple[ast.Expr, ModuleInfo] | None:
    """An entry point's ``Class.create`` (``pkg.mod:Class.create``) as the expression the host's
    ``ep.load()`` evaluates, when the module certainly binds the class it starts with."""
    lifecycle = ctx.contract.lifecycle
    info = ctx.module(plugin)
    name = ctx.contract.factory_of(plugin) or ""
    head, dot, _ = name.partition(".")
    if lifecycle is None or lifecycle.protocol is None or not dot or info is None:
        return None
    if not all(part.isidentifier() for part in name.split(".")):
        return None
    found = ctx.index.resolve(info, head, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.tree is None:
        return None
    for stmt, kept, _ in _kept_defs(found.module.tree.body, ctx.env):
        if stmt.lineno == found.symbol.line and isinstance(stmt, ast.ClassDef) and kept:
            expr = ast.parse(name.replace(head, stmt.name, 1), mode="eval").body
            return ast.copy_location(ast.Expr(expr), stmt), found.module
    return None
