"""The plugin's API-version constant (the ``plugin-api-version`` key) against the host's API
(PC307)."""

from __future__ import annotations

from collections.abc import Iterator

from packaging.version import Version

from plugcheck import config as _config
from plugcheck.model import (
    Finding,
    Location,
    Plugin,
    Severity,
)
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.pinning.versions import (
    as_version,
    constant_compatible,
    host_constant,
    host_versions,
    literal_value,
    show_versions,
)
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind, ValueKind

PC307 = rule(
    "PC307",
    "api-version-constant-mismatch",
    Severity.ERROR,
    "The plugin's API-version constant names a version the host's API is not compatible with.",
)


API_VERSION_KEY = "plugin-api-version"


def _check_key(value: object) -> str | None:
    if not isinstance(value, str) or not value.isidentifier():
        return f"must be the name of a module-level constant (e.g. 'API_VERSION'), got {value!r}"
    return None


FIELDS = {
    API_VERSION_KEY: _config.Field(
        _check_key, _config.STRING, "The module-level constant holding a plugin's API version."
    )
}


@plugin_check(PC307)
def version_constant(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    name = ctx.contract.options.get(API_VERSION_KEY)
    info = ctx.module(plugin) if isinstance(name, str) else None
    if not isinstance(name, str) or info is None:
        return
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.path not in set(plugin.files):
        return  # re-exported from the API itself, or not defined: nothing the plugin claims
    if (
        found.symbol.kind is not SymbolKind.ASSIGN
        or found.symbol.value_kind is not ValueKind.LITERAL
    ):
        return
    value = literal_value(found.module, name)
    if value is None:
        return
    literal, line, col = value
    where = Location(found.module.path, line, col)
    written = as_version(str(literal))
    if written is None:
        yield PC307.at(
            plugin,
            where,
            f"{name} = {literal!r} is not a version; the host cannot tell which API the plugin "
            "was written for",
            fix=f"set {name} to the API version the plugin targets, e.g. '2.1'",
        )
        return
    hosts, source = _constant_hosts(ctx, name)
    bad = [h for h in hosts if not constant_compatible(written, h)]
    if bad:
        yield PC307.at(
            plugin,
            where,
            f"{name} = {literal!r}: the plugin was written for API {written}, but the host "
            f"provides {show_versions(bad)} ({source}); it runs only on API {written.major}.x from "
            f"{written} on",
            fix=f"port the plugin to API {bad[0]} and set {name} = '{bad[0]}'",
        )


def _constant_hosts(ctx: Context, name: str) -> tuple[list[Version], str]:
    if ctx.api_versions:
        return list(host_versions(ctx).versions), "from --api-version"
    constant = host_constant(ctx, name)
    if constant is not None and (v := as_version(constant[0])) is not None:
        return [v], f"{ctx.contract.api}.{name} = {constant[0]!r}"
    host = host_versions(ctx)
    return list(host.versions), host.source
