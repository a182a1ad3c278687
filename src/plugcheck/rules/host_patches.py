"""PC565, PC579: the host's import of the plugin replaces or deletes part of the host's own API
(PC565) or of a module the host and its plugins share (PC579: the standard library's, an
installed library's: ``json.dumps = _broken``).

What the import of a module it certainly runs (``import_raises.loaded``) sets or deletes on
another module or a class in one, in any spelling ``patch_targets`` names (the top level, the
module's own functions that code calls, ``setattr``, ``vars(m)[...]``, ``m.__dict__[...]``,
through aliases). PC565 is for the host's packages (``host_names.host_packages``:
``host-packages``, the contract's ``api``, hookspecs, base and the modules of its types), PC579
for the standard library and what the target environment has installed, never the plugin's own
package or the plugins' folder. The host and every other plugin see the change for the rest of
the process (``Checker.__init__`` narrowed, ``json.dumps`` replaced), while the harness, which
runs each plugin alone, only sees what it does to this plugin: a warning, whatever the
replacement does. The harness's own look (``harness/worker/shared_modules.py``, PC430) sees
what no spelling here names, in the modules the fork server preloaded.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from plugcheck.harness.worker.shared_modules import REPLACEABLE_HOOKS
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.import_edges import target_of
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.patch_targets import Patch, import_time_patches
from plugcheck.static.host_state import state_target
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import resolve_dotted

PC579 = rule(
    "PC579",
    "patches-shared-module",
    Severity.WARNING,
    "The host's import of the plugin assigns to or deletes an attribute of a module the host "
    "and every other plugin share (the standard library's, an installed library's), or of a "
    "class there: they all run with the change.",
    fix="call the plugin's own function or subclass where it needs other behaviour; leave the "
    "shared module as it is",
    explains=("PC430",),
)

PC565 = rule(
    "PC565",
    "patches-host-api",
    Severity.WARNING,
    "The host's import of the plugin assigns to or deletes an attribute of the host's own API "
    "(a function, a class or a class's method): the host and every other plugin run with the "
    "change.",
    explains=("PC430",),
)


def _adds_to_plain_class(ctx: Context, plugin: Plugin, info: ModuleInfo, owner: str) -> bool:
    """Whether ``owner`` (spelled as the module spells it, the object an enclosing test found
    lacking the attribute) is a host class that is no ``Protocol``: setting a name the class
    lacks replaces nothing, and changes no ``isinstance`` check (a runtime-checkable Protocol's
    members are what it checks)."""
    found = resolve_dotted(ctx.index, info, owner, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return False
    return not any(b.rsplit(".", 1)[-1] == "Protocol" for b in found.symbol.bases)


def _shared(ctx: Context, plugin: Plugin, top: str) -> bool:
    """Whether the module ``top`` is one the host and its other plugins share with the plugin:
    the standard library's, or installed in the target environment, and not the plugin's own
    package or a module of the plugins' own folder."""
    if top == plugin.module.partition(".")[0] or top == "__main__":
        return False
    if plugin.import_root and ctx.index.find_module(top, [plugin.import_root]) is not None:
        return False
    if top in sys.stdlib_module_names:
        return True
    return ctx.index.find_module(top, ctx.env.sys_path) is not None


@plugin_check(PC565, PC579)
def patches_other_modules(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    packages = host_package_set(ctx.contract)
    target = target_of(ctx)
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for patch in import_time_patches(info, target):
            top = patch.owner.partition(".")[0]
            if top in packages:
                yield from _host_patch(ctx, plugin, info, path, patch)
            elif (
                _shared(ctx, plugin, top)
                and (patch.owner, patch.attr) not in REPLACEABLE_HOOKS
                and not _host_state(patch, info)
            ):
                yield _shared_patch(plugin, path, patch)


def _host_state(patch: Patch, info: ModuleInfo) -> bool:
    """An assignment PC110 reports as the import's work on the host's state (``sys.stdout =
    ...`` replaces the host's output): one finding for one change."""
    node = patch.node
    return isinstance(node, ast.expr) and state_target(node, info.symbols) is not None


def _where(path: Path, patch: Patch) -> Location:
    node = patch.node
    return Location(path, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)


def _host_patch(
    ctx: Context, plugin: Plugin, info: ModuleInfo, path: Path, patch: Patch
) -> Iterator[Finding]:
    what = "deletes" if patch.deletes else "replaces"
    if (
        not patch.deletes
        and patch.lacking
        and _adds_to_plain_class(ctx, plugin, info, patch.spelled)
    ):
        yield PC565.at(
            plugin,
            _where(path, patch),
            f"importing {plugin.module} adds {patch.name} where the host's class lacks it "
            "(under `if not hasattr(...)`): it replaces nothing of the host's, but "
            "every other plugin that sets this name shares it",
            fix="keep the plugin's own state in the plugin's own module or class",
            severity=Severity.INFO,
            subject=patch.name,
        )
        return
    yield PC565.at(
        plugin,
        _where(path, patch),
        f"importing {plugin.module} {what} {patch.name}, part of the host's API, for the "
        "whole process: the host and every other plugin run with the change, which "
        "the harness (one plugin at a time) cannot judge",
        fix="subclass or wrap the host's object inside the plugin instead of changing "
        "it; if the host offers a hook or registry for this, use that",
        subject=patch.name,
    )


def _shared_patch(plugin: Plugin, path: Path, patch: Patch) -> Finding:
    if patch.lacking and not patch.deletes:
        return PC579.at(
            plugin,
            _where(path, patch),
            f"importing {plugin.module} adds {patch.name} where it is missing (under `if not "
            "hasattr(...)`): it replaces nothing, but the host and every other plugin see it",
            fix="keep the plugin's own names in the plugin's own module",
            severity=Severity.INFO,
            subject=patch.name,
        )
    what = "deletes" if patch.deletes else "replaces"
    return PC579.at(
        plugin,
        _where(path, patch),
        f"importing {plugin.module} {what} {patch.name} for the whole process: the host and "
        "every plugin loaded after this one call the change wherever they use it, which the "
        "harness (one plugin at a time) cannot judge",
        subject=patch.name,
    )
