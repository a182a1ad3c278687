"""Entry points that must name an object (``pkg.mod:extract``), not a module."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule

PC540 = rule(
    "PC540",
    "entry-point-names-module",
    Severity.ERROR,
    "The contract types the object an entry point names, but the entry point names a module.",
)


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
