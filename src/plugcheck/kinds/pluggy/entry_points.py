"""PC553: two entry points of a pluggy host's group, under different names, load one object.

pluggy's ``load_setuptools_entrypoints`` (the way pluggy hosts load their group) registers
what each entry point loads under the entry point's name: ``register(ep.load(), name=ep.name)``.
A second name for an object already registered (one distribution's ``twice = "pkg"`` and
``twice_legacy = "pkg"``, or another distribution's entry point naming the module of an
installed plugin) makes ``register`` raise ValueError ("Plugin already registered under a
different name"), which ``load_setuptools_entrypoints`` does not catch: the host does not start.
Two entry points of one name are one plugin to pluggy (the second is skipped, PC003's matter).
An entry point naming a module's attribute that the module binds only by ``import other as attr``
loads the module ``other`` (red team 11b: ``compat = "rplug_compat:plugin"`` where
``rplug_compat`` is ``import rplug_core as plugin``, beside ``core = "rplug_core"``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Plugin, Related, Severity
from plugcheck.rules.base import Context, contract_check, rule
from plugcheck.rules.reached import BINDERS, binds

PC553 = rule(
    "PC553",
    "entry-points-share-plugin",
    Severity.ERROR,
    "Two entry points of a pluggy contract's group, under different names, load the same "
    "module or object: pluggy registers it under the first name and raises ValueError for the "
    "second ('Plugin already registered under a different name'), so the host does not start.",
)


def _loads(ctx: Context, plugin: Plugin) -> str | None:
    """What the plugin's entry point loads, as ``module`` or ``module:attr.path``."""
    ep = plugin.entry_point
    if ep is None:
        return None
    if ep.attr and "." not in ep.attr and (module := _module_alias(ctx, plugin, ep.attr)):
        return module
    return ep.module + (f":{ep.attr}" if ep.attr else "")


def _module_alias(ctx: Context, plugin: Plugin, attr: str) -> str | None:
    """The module ``attr`` is in the entry point's module when only a top-level ``import
    module as attr`` (or ``import attr``) binds it there."""
    info = ctx.index.info(plugin.module_path) if plugin.module_path else None
    if info is None or info.tree is None:
        return None
    found = [
        alias.name
        for stmt in info.tree.body
        if isinstance(stmt, ast.Import)
        for alias in stmt.names
        if alias.asname == attr or (alias.asname is None and alias.name == attr)
    ]
    bindings = 0
    for kind in BINDERS:
        nodes: list[ast.AST] = info.nodes(kind)
        bindings += sum(attr in binds(node) for node in nodes)
    return found[0] if len(found) == 1 and bindings == 1 else None


@contract_check(PC553)
def one_object_two_names(ctx: Context) -> Iterator[Finding]:
    if ctx.contract.kind != "pluggy" or not ctx.contract.entry_point_group:
        return
    first: dict[str, Plugin] = {}
    checked = {id(p) for p in ctx.plugins}
    # The contract's other plugins too (--shard, --only, paths): before, `--shard 2/4` and
    # `--shard 3/4` each had one of the two entry points, and the merged report passed.
    for plugin in ctx.peers or ctx.plugins:
        loads = _loads(ctx, plugin)
        ep = plugin.entry_point
        if loads is None or ep is None:
            continue
        earlier = first.setdefault(loads, plugin)
        other = earlier.entry_point
        if earlier is plugin or other is None or other.name == ep.name or id(plugin) not in checked:
            continue
        where = earlier.claim
        yield PC553.at(
            plugin,
            plugin.claim,
            f"entry point {ep.name} = {ep.value!r} loads {loads}, which entry point "
            f"{other.name} (at {ctx.shown(where.path)}:{where.line}) loads too: pluggy's "
            "load_setuptools_entrypoints registers it under one name and raises ValueError "
            "(Plugin already registered under a different name) for the other; the host "
            "does not start",
            fix="keep one entry point for the plugin (drop the legacy name)",
            related=[Related(where, f"entry point {other.name} loads {loads} too")],
        )
