"""PC564 beyond hookimpls, under ``complete-stand-ins``: the entry function the host calls (a
setup function), or the ``__init__`` of the class the host builds (the lifecycle's factory, or
the class an entry function returns, built with ``instantiate-with``), reads on every call a
key of a parameter whose stand-in the contract declares complete, and that stand-in's dict
lacks the key: every call raises KeyError. Without the key a stand-in is a sample of a user's
options, and nothing here is said."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, shown_stand_in
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.rules.stand_in_values import PC564, complete_value, missing_key
from plugcheck.rules.super_init import init_parameters, own_init
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind
from plugcheck.static.resolve import node_at, own_nodes


def _reads(
    ctx: Context,
    plugin: Plugin,
    path: Path,
    fn: ast.FunctionDef,
    passed: Mapping[str, str],
    what: str,
    at: ast.stmt | None = None,
) -> Iterator[Finding]:
    """PC564 for the first key ``fn`` reads on every call of each parameter whose stand-in
    is complete, that the stand-in's dict lacks; at the read, or at ``at`` (a class the
    harness's failure to build names), the read's line then in the message."""
    for name, ref in passed.items():
        value = complete_value(ctx, plugin, ref)
        found = missing_key(fn, name, value[0]) if value is not None else None
        if found is None or value is None:
            continue
        node, key = found
        place = at or node
        line = f" (line {node.lineno})" if at is not None else ""
        yield PC564.at(
            plugin,
            Location(path, place.lineno, place.col_offset + 1),
            f"{what} reads `{ast.unparse(node)[:60]}`{line} on every call, but the host "
            f"passes {name} as {shown_stand_in(ref)}, {value[0]!r}"[:240]
            + f", which the contract declares all it passes (complete-stand-ins) and which has "
            f"no key {key!r}: every call raises KeyError",
            fix=f"read {key!r} with a default ({name}.get({key!r}, ...)), or ask the host to "
            "pass it",
        )


def _class(ctx: Context, plugin: Plugin, found: object) -> tuple[Path, ast.ClassDef] | None:
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    node = node_at(found.module, found.symbol.line)
    return (found.module.path, node) if isinstance(node, ast.ClassDef) else None


def _built(
    ctx: Context,
    plugin: Plugin,
    path: Path,
    node: ast.ClassDef,
    stand_ins: Sequence[object],
    at_class: bool = False,
) -> Iterator[Finding]:
    """PC564 in the own, undecorated ``__init__`` of a plain class (no decorator, metaclass
    or keywords) the host builds with ``stand_ins`` (``at_class``: reported at the class,
    where the harness places the lifecycle factory's failure)."""
    init = own_init(node)
    if init is None or node.decorator_list or node.keywords:
        return
    passed = init_parameters(node, stand_ins)
    at = node if at_class else None
    yield from _reads(ctx, plugin, path, init, passed, f"{node.name}.__init__", at)


def _loaded(node: ast.Name) -> bool:
    return isinstance(node.ctx, ast.Load)


@plugin_check(PC564)
def complete_key_reads(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """The setup function and the class it returns, then the lifecycle's factory class."""
    info = ctx.module(plugin)
    spec = setup_contract(ctx.contract)
    if info is None or not ctx.contract.options.get("complete-stand-ins"):
        return
    roots = ctx.roots(plugin)
    name = spec.function_of(plugin) if spec is not None else None
    if spec is not None and name is not None and "." not in name:
        found = ctx.index.resolve(info, name, roots)
        node = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
        if isinstance(found, Resolved) and isinstance(node, ast.FunctionDef):
            if not node.decorator_list:
                args = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
                passed = dict(zip(args, spec.stand_ins or (), strict=False))
                passed.update(spec.keyword_stand_ins)
                yield from _reads(ctx, plugin, found.module.path, node, passed, f"{name}()")
            returns = [n.value for n in own_nodes(node) if isinstance(n, ast.Return)]
            local = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
            local |= {n.id for n in own_nodes(node) if isinstance(n, ast.Name) and not _loaded(n)}
            named = returns[0].id if len(returns) == 1 and isinstance(returns[0], ast.Name) else ""
            if named and named not in local:
                made = ctx.index.resolve(found.module, named, roots)
                built = _class(ctx, plugin, made)
                if built is not None and spec.instantiate_with:
                    yield from _built(ctx, plugin, *built, spec.instantiate_with)
    lifecycle = ctx.contract.lifecycle
    factory = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.build is None or factory is None or "." in factory:
        return
    built = _class(ctx, plugin, ctx.index.resolve(info, factory, roots))
    if built is not None and not lifecycle.build.keywords:
        yield from _built(ctx, plugin, *built, lifecycle.build.stand_ins, at_class=True)
