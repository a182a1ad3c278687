"""PC354: the plugin defines its own copy of a type the API provides."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import (
    Finding,
    Location,
    Plugin,
    Related,
    Severity,
    TypeRef,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.identity.api_view import (
    Api,
    Names,
    api_of,
    copies_of,
    import_fix,
    own_files,
)
from plugcheck.rules.identity.codes import PC354
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, Symbol, SymbolKind, ValueKind


def referenced_types(ctx: Context, api: Api) -> dict[str, Location]:
    """API types the contract names, plus the API types their aliases are built from."""
    refs: list[TypeRef] = [e.type for e in ctx.contract.exports if e.type is not None]
    if ctx.contract.lifecycle and ctx.contract.lifecycle.protocol:
        refs.append(ctx.contract.lifecycle.protocol)
    wanted = [r.name for r in refs if r.module == api.name and "." not in r.name]
    if api.path is None:
        return {}
    info = ctx.index.info(api.path)
    if info is None:
        return {}
    found: dict[str, Location] = {}
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        resolved = ctx.index.resolve(info, name, ctx.api_roots())
        if not isinstance(resolved, Resolved) or api.module_of(resolved.module.path) is None:
            continue
        symbol = resolved.symbol
        if symbol.kind not in (SymbolKind.CLASS, SymbolKind.ASSIGN):
            continue
        found[name] = Location(resolved.module.path, symbol.line, symbol.col)
        if symbol.kind is SymbolKind.ASSIGN:
            wanted.extend(_names_in_assignment(resolved.module, name))
    return found


def _protocols(ctx: Context, api: Api, names: set[str]) -> frozenset[str]:
    """The API classes among ``names`` that are Protocols (``class Plugin(Protocol)``): the
    host's isinstance() against one (runtime_checkable) compares members, not identity."""
    info = ctx.index.info(api.path) if api.path is not None else None
    if info is None:
        return frozenset()
    found = set()
    for name in names:
        resolved = ctx.index.resolve(info, name, ctx.api_roots())
        if (
            isinstance(resolved, Resolved)
            and resolved.symbol.kind is SymbolKind.CLASS
            and any(
                b.partition("[")[0].rpartition(".")[2] == "Protocol" for b in resolved.symbol.bases
            )
        ):
            found.add(name)
    return frozenset(found)


def _names_in_assignment(info: ModuleInfo, name: str) -> list[str]:
    if info.tree is None:
        return []
    names: list[str] = []
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            names.extend(n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name))
    return names


@plugin_check(PC354)
def shadowed_types(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = api_of(ctx)
    if api is None:
        return
    types = memo(
        ctx,
        ("types", str(ctx.contract.source), ctx.contract.name),
        lambda: referenced_types(ctx, api),
    )
    if not types:
        return
    protocols = memo(
        ctx,
        ("protocols", str(ctx.contract.source), ctx.contract.name),
        lambda: _protocols(ctx, api, set(types)),
    )
    copies = copies_of(ctx, plugin, api)
    names = Names(ctx, plugin)
    own = own_files(plugin, copies, api)
    shadows: dict[tuple[Path, str], Location] = {}
    for path in own:
        info = ctx.index.info(path)
        if info is None:
            continue
        for symbol in info.symbols.values():
            if symbol.name not in types or symbol.kind not in (SymbolKind.CLASS, SymbolKind.ASSIGN):
                continue
            real = f"{api.name}.{symbol.name}"
            if symbol.kind is SymbolKind.CLASS:
                bases = {names.qualify_name(info, b) for b in symbol.bases}
                if any(b == real or b.endswith("." + real) for b in bases):
                    continue  # a subclass of the host's class keeps its identity
                what = f"class {symbol.name}"
            else:
                value = names.qualify_name(info, symbol.value_name) if symbol.value_name else None
                if symbol.value_kind is ValueKind.NAME and value and value.startswith(api.name):
                    continue  # an alias of the API's own object
                what = f"{symbol.name} = ..."
            location = Location(path, symbol.line, symbol.col, symbol.end_line, symbol.end_col)
            shadows[(path, symbol.name)] = location
            if symbol.kind is SymbolKind.CLASS and symbol.name in protocols:
                yield _protocol_copy(plugin, location, symbol.name, real, types, path, api.name)
                continue
            yield PC354.at(
                plugin,
                location,
                f"{what} shadows {real}, which the {ctx.contract.name!r} contract references; "
                f"the host checks against its own {symbol.name}, so objects typed with this "
                "copy fail isinstance checks and type checks",
                fix=f"delete it and use `from {api.name} import {symbol.name}`",
                related=[Related(types[symbol.name], f"the host's {symbol.name}")],
                autofix=import_fix(path, symbol.line, symbol.name, api.name),
            )
    if not shadows:
        return
    roots = ctx.roots(plugin)
    for path in own:
        info = ctx.index.info(path)
        if info is None:
            continue
        for symbol in info.symbols.values():
            if symbol.kind is not SymbolKind.CLASS or (path, symbol.name) in shadows:
                continue
            for base in symbol.bases:
                found = ctx.index.resolve(info, base.partition(".")[0], roots)
                if not isinstance(found, Resolved) or "." in base:
                    continue
                key = (found.module.path, found.symbol.name)
                if key not in shadows:
                    continue
                if found.symbol.name in protocols:
                    yield _protocol_copy_subclass(
                        plugin, path, symbol, (found.symbol.name, shadows[key]), api
                    )
                    continue
                yield PC354.at(
                    plugin,
                    Location(path, symbol.line, symbol.col, symbol.end_line, symbol.end_col),
                    f"class {symbol.name} subclasses {found.symbol.name}, the plugin's own copy "
                    f"of {api.name}.{found.symbol.name}; its instances are not instances of the "
                    "host's class",
                    fix=f"subclass (or implement) {api.name}.{found.symbol.name} itself",
                    related=[Related(shadows[key], "the local copy")],
                )


def _protocol_copy(
    plugin: Plugin,
    location: Location,
    name: str,
    real: str,
    types: dict[str, Location],
    path: Path,
    api: str,
) -> Finding:
    """A copy of an API Protocol: the host's isinstance() (runtime_checkable) and mypy compare
    members, not identity, so the plugin's objects still pass while the copy matches; the
    lifecycle rules judge them against the host's own Protocol. Only the drift is a risk."""
    return PC354.at(
        plugin,
        location,
        f"class {name} is a local copy of {real}, which the contract references; {real} is a "
        "Protocol, so the host's isinstance() and type checks compare members and the plugin's "
        "objects pass, but the copy can drift from the host's without anything noticing",
        fix=f"delete it and use `from {api} import {name}`",
        related=[Related(types[name], f"the host's {name}")],
        autofix=import_fix(path, location.line, name, api),
        severity=Severity.INFO,
    )


def _protocol_copy_subclass(
    plugin: Plugin, path: Path, symbol: Symbol, copy: tuple[str, Location], api: Api
) -> Finding:
    """A subclass of the plugin's copy of an API Protocol: the host's isinstance() against its
    own (runtime_checkable) Protocol compares members, so the real loader accepts the object
    while it has them, whatever its bases (the harness's identity step judges it the same way,
    and the lifecycle rules judge the members against the host's Protocol)."""
    base, where = copy
    return PC354.at(
        plugin,
        Location(path, symbol.line, symbol.col, symbol.end_line, symbol.end_col),
        f"class {symbol.name} subclasses {base}, the plugin's own copy of {api.name}.{base}; "
        f"{api.name}.{base} is a Protocol, so the host's isinstance() compares members and "
        f"accepts {symbol.name}'s instances while they have them, but the copy it inherits can "
        "drift from the host's",
        fix=f"subclass (or implement) {api.name}.{base} itself",
        related=[Related(where, "the local copy")],
        severity=Severity.INFO,
    )
