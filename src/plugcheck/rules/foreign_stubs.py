"""PC357: a plugin's distribution installs type stubs (a PEP 561 ``X-stubs`` package) for a
module the host provides, a module it does not install itself.

A type checker reads ``X-stubs`` in a site directory before ``X`` itself, for every module of
the environment: the stubs one plugin's wheel ships become the host's API for every plugin's
static check, plugcheck's and any other type checker's (``Factory = Callable[..., Any]`` in a
``plugapi-stubs/__init__.pyi`` turned every other plugin's PC201 into an info; red team sand19).
Stubs shipped by the host's own distribution, by the distribution that installs ``X``, or by a
stub-only distribution named for it (``types-X``, ``X-stubs``) are the API's own, and no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from packaging.utils import canonicalize_name

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.dynamic_findings import module_location
from plugcheck.rules.shared_files import installed_files

PC357 = rule(
    "PC357",
    "host-stubs-from-a-plugin",
    Severity.ERROR,
    "The plugin's distribution installs type stubs (an `X-stubs` package) for a module the "
    "host provides: every plugin's static type check in that environment reads them instead "
    "of the host's API.",
)


def _installers(ctx: Context) -> dict[str, dict[str, Location]]:
    """Each top-level name of the target environment -> the distributions installing files
    under it, with where (its ``__init__``, else its first file), read once per run."""

    def read() -> dict[str, dict[str, Location]]:
        found: dict[str, dict[str, Location]] = {}
        for path, entries in sorted(installed_files(ctx).items()):
            top = path.split("/")[0].removesuffix(".py")
            for entry in entries:
                known = found.setdefault(top, {})
                if entry.normal not in known or path.endswith("/__init__.pyi"):
                    known[entry.normal] = Location(entry.root / path, 1)
        return found

    return memo(ctx, ("installers", ctx.env.sys_path), read)


@plugin_check(PC357)
def foreign_stubs(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ep = plugin.entry_point
    if ep is None or ep.distribution is None:
        return
    own = canonicalize_name(ep.distribution)
    api = canonicalize_name(ctx.contract.api_distribution or "")
    installers = _installers(ctx)
    for host in sorted(ctx.contract.host_modules() - {ep.module.split(".")[0]}):
        stubs = f"{host}-stubs"
        where = installers.get(stubs, {}).get(own)
        if where is None or own in installers.get(host, {}):
            continue
        if own in (api, canonicalize_name(stubs), canonicalize_name(f"types-{host}")):
            continue
        yield PC357.at(
            plugin,
            where if where.path.is_file() else module_location(plugin),
            f"{ep.distribution} installs {stubs}/, type stubs for the host's module {host}, "
            f"which it does not install: a type checker reads them instead of {host} for "
            "every plugin of the environment, so every plugin's static checks judge against "
            "this plugin's copy of the host's API, not the host's",
            fix=f"remove {stubs}/ from the plugin's distribution (stubs for {host} belong to "
            f"{host}'s own distribution or a types-{host} package)",
        )
