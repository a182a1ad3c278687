"""Functions of a pluggy plugin the host's manager never takes, read from their names.

PC573: a module-level function named exactly as one of the host's hooks, without the host's
hookimpl marker.

A host whose manager takes marked functions only (no name ``prefix``, unlike pytest's) registers
none of them: ``register`` succeeds, ``check_pending`` has nothing to refuse, and the hook never
runs. The forgotten ``@hookimpl``, and the marker of another project (``HookimplMarker("other")``
copied from a plugin of another host), read the same to pluggy. Only the plugin module's own
top level counts (the definition the import binds: decided ``if`` branches followed, ``if
TYPE_CHECKING:`` skipped); a function the host's or a plugin's hookspec marker marks is a
hookspec, not a forgotten hookimpl.

PC574: under a manager that picks hooks by a name prefix (pytest's ``pytest_``), a function
carrying the host's marker whose name lacks the prefix: the manager's ``parse_hookimpl_opts``
returns nothing for it before it looks at the marker, ``specname`` or not, so it never runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.kinds.pluggy.contract import contract_hooks, pluggy_contract, plugin_impls
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.bindings import target_of
from plugcheck.static.branches import top_level_functions
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import marker_project

PC573 = rule(
    "PC573",
    "hook-named-function-not-marked",
    Severity.WARNING,
    "A module-level function of a pluggy plugin has the name of one of the host's hooks but not "
    "the host's hookimpl marker: pluggy registers marked functions only, so it never runs.",
)

PC574 = rule(
    "PC574",
    "marked-hookimpl-without-prefix",
    Severity.WARNING,
    "A function carries the host's hookimpl marker, but the host's manager takes hooks only by "
    "a name prefix (pytest's `pytest_`) that its name lacks: it is never registered, "
    "`specname` or not.",
)

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _module_defs(ctx: Context, plugin: Plugin) -> tuple[ModuleInfo | None, dict[str, Function]]:
    """The plugin module and the functions its import binds at its top level, the last
    definition of each name; no module for a class or instance plugin (its module's top level
    is not the plugin)."""
    info = ctx.module(plugin)
    if info is None or info.tree is None or (plugin.entry_point and plugin.entry_point.attr):
        return None, {}
    defined = top_level_functions(info.tree.body, target_of(ctx.env))
    return info, {node.name: node for node, _ in defined}


@plugin_check(PC573)
def hook_named_function_not_marked(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    if spec is None or spec.prefix:
        return  # a prefix manager (pytest's) takes an unmarked hook-named function all the same
    info, last = _module_defs(ctx, plugin)
    if info is None or plugin.module_path is None:
        return
    hooks = contract_hooks(ctx, spec)
    # the definitions read last (`last`): an alternative branch's marked one is another def
    marked = {impl.attr for impl in plugin_impls(ctx, plugin, spec) if not impl.alternative}
    roots = ctx.roots(plugin)
    for name, node in last.items():
        if name not in hooks.specs or name in marked:
            continue
        others = []
        for decorator in node.decorator_list:
            dotted = dotted_name(decorator.func if isinstance(decorator, ast.Call) else decorator)
            if dotted is None:
                break
            if marker_project(ctx.index, info, dotted, roots, "HookspecMarker") is not None:
                break  # a hookspec the plugin adds: not a hookimpl at all
            project = marker_project(ctx.index, info, dotted, roots, "HookimplMarker")
            if project is None or project == spec.project:
                # A decorator plugcheck cannot read may be the host's marker; one that is and
                # still is not registered is PC522's or PC572's.
                break
            others.append(project)
        else:
            carries = (
                f"it carries the hookimpl marker of project {others[0]!r}, not {spec.project}'s"
                if others
                else f"it has no @hookimpl marker of {spec.project}"
            )
            yield PC573.at(
                plugin,
                Location(plugin.module_path, node.lineno, node.col_offset + 1),
                f"{name} has the name of {spec.project}'s hook {name!r} but {carries}: pluggy "
                f"registers only functions carrying HookimplMarker({spec.project!r})'s mark, so "
                "it is never registered and never runs",
                fix=f"decorate it with {spec.project}'s hookimpl marker, or rename it if it is "
                "not meant as a hook",
                subject=name,
            )


@plugin_check(PC574)
def marked_hookimpl_without_prefix(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    if spec is None or not spec.prefix:
        return
    info, last = _module_defs(ctx, plugin)
    if info is None or plugin.module_path is None:
        return
    roots = ctx.roots(plugin)
    for name, node in last.items():
        if name.startswith(spec.prefix):
            continue
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            dotted = dotted_name(call.func if call else decorator)
            if dotted is None:
                continue
            if marker_project(ctx.index, info, dotted, roots, "HookimplMarker") != spec.project:
                continue
            keywords = call.keywords if call else []
            specname = next((k.value for k in keywords if k.arg == "specname"), None)
            read = specname.value if isinstance(specname, ast.Constant) else None
            hook = read if isinstance(read, str) else name
            # A specname source cannot read names no hook: the run's passed-over hook (PC572)
            # is the same function at the same line, whatever specname it computes.
            known = specname is None or isinstance(read, str)
            yield PC574.at(
                plugin,
                Location(plugin.module_path, node.lineno, node.col_offset + 1),
                f"{name} carries {spec.project}'s hookimpl marker, but {spec.project}'s manager "
                f"takes only names starting with {spec.prefix!r} (its parse_hookimpl_opts "
                f"returns nothing for any other, before it reads the marker"
                + (" or specname" if specname is not None else "")
                + f"): hook {hook!r} of the plugin never runs",
                fix=f"rename it to start with {spec.prefix!r}"
                + (f" (def {hook}(...))" if hook.startswith(spec.prefix) else ""),
                subject=hook if known else None,
            )
            break
