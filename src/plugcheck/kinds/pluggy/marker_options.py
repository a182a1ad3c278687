"""PC515 for a hookimpl marker called with a keyword it does not take
(``@hookimpl(first_result=True)``): ``HookimplMarker.__call__`` raises TypeError while the
decorator line runs, so the host's import of the plugin fails every time.

Judged only for a ``def`` at the top level of a module the host's import surely runs, whose
decorator is the host's marker called with literal keywords (a ``**opts`` splat is read only
when source tells its keys); the keywords are those no pluggy release's marker takes."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.kinds.pluggy.contract import pluggy_contract, plugin_impls
from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.own_imports import loaded

MARKER_OPTIONS = frozenset(
    {"hookwrapper", "optionalhook", "tryfirst", "trylast", "specname", "wrapper"}
)
"""The keywords ``HookimplMarker.__call__`` takes (``wrapper`` since pluggy 1.1)."""


@plugin_check(PC515)
def unknown_marker_option(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    if spec is None:
        return
    surely = set(loaded(ctx, plugin))
    for impl in plugin_impls(ctx, plugin, spec):
        unknown = [o for o in impl.options if o not in MARKER_OPTIONS]
        info = ctx.index.info(impl.path)
        if not unknown or impl.path not in surely or info is None or info.tree is None:
            continue
        if not any(impl.node is top for top in info.tree.body):
            continue  # under an if, a try or in a function: the decorator may never run
        option, taken = unknown[0], ", ".join(sorted(MARKER_OPTIONS))
        # where the traceback points: the decorator line that raises
        line, col = impl.line, impl.col
        for deco in getattr(impl.node, "decorator_list", []):
            if isinstance(deco, ast.Call) and any(k.arg == option for k in deco.keywords):
                line, col = deco.lineno, deco.col_offset
        yield PC515.at(
            plugin,
            Location(impl.path, line, col),
            f"{impl.attr}'s hookimpl marker is called with {option}=..., a keyword "
            f"HookimplMarker takes in no pluggy release (it takes {taken}): the decorator "
            f"raises TypeError whenever the host imports {plugin.module}, so the import always "
            "fails",
            fix=f"drop {option}=..., or spell the option pluggy means"
            + (" (firstresult is a hookspec option, set by the host)" if "first" in option else ""),
            subject=impl.attr,
        )
