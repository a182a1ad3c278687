"""Entry points that must name an object (``pkg.mod:extract``), not a module; and entry points a
host loads as one dotted path (``entry-point-load = "dotted-path"``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.symbols import SymbolKind

PC540 = rule(
    "PC540",
    "entry-point-names-module",
    Severity.ERROR,
    "The contract types the object an entry point names, but the entry point names a module.",
)

PC556 = rule(
    "PC556",
    "entry-point-dotted-path",
    Severity.ERROR,
    "The host imports an entry point's value as one dotted path, and the part before its last "
    "dot is not a module.",
)

LOAD = "entry-point-load"
"""How the host turns an entry point into its object: ``"load"`` (``ep.load()``, the default)
or ``"dotted-path"`` (fsspec: ``ep.value.replace(":", ".")``, then ``import_module`` of all
but the last dotted part and ``getattr`` of that part)."""

_LOADS = ("load", "dotted-path")


def _validate_load(raw: Any) -> str | None:
    return None if raw in _LOADS else f"must be one of {', '.join(map(repr, _LOADS))}"


FIELDS = {
    LOAD: _config.Field(
        _validate_load,
        {"enum": list(_LOADS)},
        'How the host loads an entry point: "load" (ep.load()) or "dotted-path" (the value '
        "with ':' made '.', all but its last part imported as a module).",
    )
}


@plugin_check(PC540)
def names_object(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    typed = ctx.contract.entry_point_object
    ep = plugin.entry_point
    if typed is None or ep is None or ep.attr is not None:
        return
    wanted = f"{typed.type}" if typed.type else "an object"
    yield PC540.at(
        plugin,
        plugin.claim,
        f"entry point {ep.name} = {ep.value!r} names a module, but the host uses what "
        f"ep.load() returns as {wanted}: it gets the module {ep.module} instead",
        fix=f'name the object: {ep.name} = "{ep.module}:<object>"',
    )


@plugin_check(PC556)
def dotted_path(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """``mod:Outer.Inner`` under a host that imports ``mod.Outer`` as a module: ep.load()
    would follow the attributes, the host's import_module raises ImportError. Reported only
    where the module's own source binds the first attribute as something that is not a module
    (a class, a function, a variable) and no module of that name exists beside it."""
    ep = plugin.entry_point
    if ep is None or ctx.contract.options.get(LOAD) != "dotted-path" or not ep.attr:
        return
    extras = ep.value[ep.value.find("[") :] if "[" in ep.value else ""
    if extras:
        # The host reads the whole value: 'mod.Cls [x]' makes it getattr(mod, "Cls [x]").
        last = ep.value.replace(":", ".").rpartition(".")[2]
        yield PC556.at(
            plugin,
            plugin.claim,
            f"entry point {ep.name} = {ep.value!r}: the host makes ':' a '.' and takes the last "
            f"part as an attribute, extras included ({last!r}), which no module has: "
            "ImportError, the plugin is never loaded",
            fix=f"drop the extras {extras.strip()} from the entry point's value (name the "
            "dependencies in the distribution's requirements instead)",
        )
        return
    first, *rest = ep.attr.split(".")
    if not rest:
        return
    roots = ctx.roots(plugin)
    path = ctx.index.find_module(ep.module, roots)
    info = ctx.index.info(path) if path else None
    symbol = info.symbols.get(first) if info else None
    if (
        symbol is None
        or symbol.kind is SymbolKind.IMPORT
        or ctx.index.find_module(f"{ep.module}.{first}", roots) is not None
    ):
        return
    imported = ".".join([ep.module, first, *rest[:-1]])
    yield PC556.at(
        plugin,
        plugin.claim,
        f"entry point {ep.name} = {ep.value!r}: the host imports {imported!r} as a module (it "
        f"makes ':' a '.' and imports all but the last part), but {first} is a "
        f"{symbol.kind.value} of {ep.module}, not a module: ImportError, the plugin is never "
        "loaded",
        fix=f"bind the object at module level ({rest[-1]} = {ep.attr}) and name it: "
        f'{ep.name} = "{ep.module}:{rest[-1]}"',
    )
