"""The ``pluggy`` table of a contract, and the hooks it names: the host's hookspecs read
once per contract, and each plugin's hookimpls as ``register`` would find them."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck._ecosystem_worker.protocol import HookReturnRequest
from plugcheck.harness.worker.accepts import RETURNS
from plugcheck.kinds.pluggy import spec_entries
from plugcheck.model import (
    Contract,
    Plugin,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.installed import installed_for, target_of
from plugcheck.static.hooks import Impl, impls_in
from plugcheck.static.hookspecs import HookSet, Marking, added_hookspecs, specs_in
from plugcheck.static.module_dir import pluggy_discovery
from plugcheck.static.parse import ModuleInfo

# --- the contract's `pluggy` table -------------------------------------------------------

_KEYS = {
    "project",
    "hookspecs",
    "prefix",
    "optional-hooks",
    "addhooks",
    "check-pending",
    "awaits",
    "stand-ins",
    "hook-returns",
    "call-hooks",
    "plugins-variable",
    "builtin-plugins",
}
_RETURN_KEYS = {"returns", "return-type", "or-list", "attributes", "required-keys"}


@dataclass(frozen=True, slots=True)
class HookReturn:
    """What the host does with each value a hook returns: Hatch's ``hatch_register_builder()``
    returns a plugin class, or a list of them, each a subclass of its interface carrying a
    non-empty ``PLUGIN_NAME`` (``returns = "subclass"``, ``or-list``, ``attributes``)."""

    returns: str
    """One of ``accepts.RETURNS``: ``subclass``, ``instance``, ``mapping``, ``iterable``, ..."""
    return_type: str | None = None
    or_list: bool = False
    """The host also takes a list of such values and checks each item."""
    attributes: tuple[str, ...] = ()
    """Attributes each value must carry, not empty (the host reads them to name the plugin)."""
    required_keys: tuple[str, ...] = ()

    def request(self) -> HookReturnRequest:
        return HookReturnRequest(
            returns=self.returns,
            return_type=self.return_type,
            or_list=self.or_list,
            attributes=list(self.attributes),
            required_keys=list(self.required_keys),
        )


@dataclass(frozen=True, slots=True)
class PluggyContract:
    project: str
    hookspecs: tuple[str, ...]
    """Dotted module names, or ``module:Class`` for class namespaces."""
    prefix: str | None = None
    optional_hooks: tuple[str, ...] = ()
    optional_arguments: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``optional-hooks`` as a table: the arguments the host passes when it calls each one."""
    addhooks: str | None = None
    """A (historic) hook through which plugins add their own hookspecs (``pytest_addhooks``)."""
    check_pending: bool = True
    """The host calls ``check_pending()``; without it an unknown hook is never called, not an
    error (datasette)."""
    awaits: bool = False
    """The host awaits coroutines that hookimpls return (datasette): ``async def`` works."""
    stand_ins: tuple[tuple[str, str], ...] = ()
    """Hook argument name -> ``module:callable`` making what the host passes for it: with them
    the harness calls each hook the plugin implements once (PC519)."""
    calls_hooks: bool = False
    """The contract has ``stand-ins``, ``{}`` too: a host whose hooks take no arguments
    (sqlfluff's ``get_rules()``, hatch's ``hatch_register_build_hook()``) has them called."""
    hook_returns: tuple[tuple[str, HookReturn], ...] = ()
    """Hook name -> what the host accepts back from it (PC542), checked when it is called."""
    call_hooks: tuple[str, ...] | None = None
    """``call-hooks``: the only hooks the pass calls (pytest calls ``pytest_addoption`` at every
    start-up); ``None``: every hook the stand-ins serve."""
    plugins_variable: str | None = None
    """``plugins-variable``: a module-level variable naming more plugins that the host imports
    and registers when it registers the module (pytest's ``pytest_plugins``)."""
    builtin_plugins: str | None = None
    """``builtin-plugins``: ``module:attr``, the names the variable may list that the host
    imports from ``module``'s top-level package (pytest: ``pytester`` is ``_pytest.pytester``)."""

    @property
    def marking(self) -> Marking:
        return Marking(self.project, self.prefix)


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: project, hookspecs, prefix, optional-hooks, addhooks"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    if not isinstance(raw.get("project"), str) or not raw["project"]:
        return "`project` (the name given to PluginManager and the markers) is required"
    specs = raw.get("hookspecs")
    if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
        return '`hookspecs` must be a non-empty list of module names ("pkg.hookspec")'
    for spec in specs:
        module, _, cls = spec.partition(":")
        if not _config._DOTTED.match(module) or (cls and not _config._DOTTED.match(cls)):
            return f"hookspecs: {spec!r} is not a module name or module:Class"
    for key in ("prefix", "addhooks"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key]):
            return f"`{key}` must be a non-empty string"
    optional = raw.get("optional-hooks", [])
    if isinstance(optional, dict):
        if not all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in optional.values()
        ):
            return "`optional-hooks` as a table maps hook names to the argument names passed"
    elif not isinstance(optional, list) or not all(isinstance(s, str) for s in optional):
        return "`optional-hooks` must be a list of hook names (or a table: hook -> arguments)"
    for key in ("check-pending", "awaits"):
        if not isinstance(raw.get(key, False), bool):
            return f"`{key}` must be true or false"
    stand_ins = raw.get("stand-ins", {})
    if not isinstance(stand_ins, dict) or not all(
        isinstance(v, str) and _config._TYPEREF.match(v) for v in stand_ins.values()
    ):
        return (
            '`stand-ins` maps hook argument names to "module:callable" (what makes the object '
            f"the host passes), got {stand_ins!r}"
        )
    hooks = raw.get("call-hooks", [])
    if not isinstance(hooks, list) or not all(isinstance(h, str) and h for h in hooks):
        return "`call-hooks` must be a list of hook names (the only hooks called with stand-ins)"
    variable = raw.get("plugins-variable", "x")
    if not isinstance(variable, str) or not variable.isidentifier():
        return "`plugins-variable` must be a module-level variable name (pytest: pytest_plugins)"
    if "builtin-plugins" in raw and not _is_ref(raw["builtin-plugins"]):
        return '`builtin-plugins` must be "module:attr" (pytest: "_pytest.config:builtin_plugins")'
    return _validate_returns(raw.get("hook-returns", {}))


def _validate_returns(raw: Any) -> str | None:
    """``hook-returns``: hook name -> {returns, return-type, or-list, attributes, required-keys}."""
    if not isinstance(raw, dict):
        return "`hook-returns` must be a table: hook name -> { returns = ..., ... }"
    for hook, table in raw.items():
        where = f"hook-returns.{hook}"
        if not isinstance(table, dict) or not isinstance(table.get("returns"), str):
            return f"`{where}` must be a table with `returns` (one of: {', '.join(RETURNS)})"
        unknown = sorted(set(table) - _RETURN_KEYS)
        if unknown:
            expected = ", ".join(sorted(_RETURN_KEYS))
            return f"`{where}`: unknown key {unknown[0]!r} (expected: {expected})"
        if table["returns"] not in RETURNS:
            return (
                f"`{where}.returns` must be one of: {', '.join(RETURNS)}, got {table['returns']!r}"
            )
        typed = table["returns"] in ("instance", "subclass")
        ref = table.get("return-type")
        if typed != (ref is not None) or (ref is not None and not _is_ref(ref)):
            return (
                f'`{where}.return-type` ("module:Class") goes with returns = "instance" or '
                '"subclass"'
            )
        if not isinstance(table.get("or-list", False), bool):
            return f"`{where}.or-list` must be true or false"
        for key in ("attributes", "required-keys"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
                return f"`{where}.{key}` must be a list of names"
    return None


def _is_ref(value: object) -> bool:
    return isinstance(value, str) and bool(_config._TYPEREF.match(value))


FIELDS = {
    "pluggy": _config.Field(
        _validate,
        {
            "type": "object",
            "properties": {key: {} for key in sorted(_KEYS)},
            "required": ["project", "hookspecs"],
            "additionalProperties": False,
        },
        "The host's pluggy setup: project, hookspecs, prefix, optional-hooks, ...",
    )
}
"""The ``pluggy`` kind's own key."""


def pluggy_contract(contract: Contract) -> PluggyContract | None:
    raw: Mapping[str, Any] | None = contract.options.get("pluggy")
    if contract.kind != "pluggy" or not isinstance(raw, dict):
        return None
    return PluggyContract(
        project=raw["project"],
        hookspecs=tuple(raw["hookspecs"]),
        prefix=raw.get("prefix"),
        optional_hooks=tuple(raw.get("optional-hooks", ())),
        optional_arguments=tuple(
            (hook, tuple(args)) for hook, args in dict(raw.get("optional-hooks") or {}).items()
        )
        if isinstance(raw.get("optional-hooks"), dict)
        else (),
        addhooks=raw.get("addhooks"),
        check_pending=raw.get("check-pending", True),
        awaits=raw.get("awaits", False),
        stand_ins=tuple(sorted(dict(raw.get("stand-ins") or {}).items())),
        calls_hooks="stand-ins" in raw or "hook-returns" in raw,
        call_hooks=tuple(raw["call-hooks"]) if "call-hooks" in raw else None,
        plugins_variable=raw.get("plugins-variable"),
        builtin_plugins=raw.get("builtin-plugins"),
        hook_returns=tuple(
            (
                hook,
                HookReturn(
                    returns=table["returns"],
                    return_type=table.get("return-type"),
                    or_list=table.get("or-list", False),
                    attributes=tuple(table.get("attributes", ())),
                    required_keys=tuple(table.get("required-keys", ())),
                ),
            )
            for hook, table in sorted(dict(raw.get("hook-returns") or {}).items())
        ),
    )


# --- specs, once per contract ------------------------------------------------------------


def host_hooks(ctx: Context, spec: PluggyContract) -> tuple[HookSet, list[str]]:
    """The host's hookspecs and, second, the problems with the ``hookspecs`` entries: a module
    that cannot be found, or one whose hookspecs are all inside classes (``add_hookspecs`` of
    the module registers none of them; the contract must name the classes)."""
    problems = []
    hooks = HookSet()
    roots = ctx.api_roots()
    for entry in spec.hookspecs:
        module_name, _, class_name = entry.partition(":")
        path = ctx.index.find_module(module_name, roots)
        info = ctx.index.info(path) if path else None
        if info is None:
            problems.append(f"{entry!r} is not importable from {ctx.env.executable}")
            continue
        hooks.sources.append(entry)
        found = specs_in(ctx.index, info, spec.marking, roots, class_name or None)
        classes = [] if found or class_name else _spec_classes(ctx, info, spec, roots)
        sure = None if found or classes or class_name else spec_entries.no_functions(info)
        if class_name and not found and spec_entries.missing_class(info, class_name):
            problems.append(f"{entry!r}: {module_name} has no {class_name!r} (read statically)")
        elif sure is not None:
            problems.append(
                f"{entry!r}: pluggy's add_hookspecs refuses it: {module_name} defines no "
                "function (read statically)"
                + (
                    "; its hookspecs are only inside classes, name them: "
                    + ", ".join(repr(f"{module_name}:{c}") for c in sure)
                    if sure
                    else ""
                )
            )
        if classes:
            named = ", ".join(repr(f"{module_name}:{c}") for c in classes)
            problems.append(
                f"{entry!r} declares its hookspecs only inside classes; name them: {named}"
            )
        for hook in found:
            hooks.add(hook)
    return hooks, problems


def _spec_classes(
    ctx: Context, info: ModuleInfo, spec: PluggyContract, roots: Sequence[Path]
) -> list[str]:
    """The module-level classes of ``info`` that hold marked hookspecs."""
    if info.tree is None:
        return []
    return [
        s.name
        for s in info.tree.body
        if isinstance(s, ast.ClassDef) and specs_in(ctx.index, info, spec.marking, roots, s.name)
    ]


def contract_hooks(ctx: Context, spec: PluggyContract) -> HookSet:
    """Host hookspecs plus those every plugin of the contract adds with ``add_hookspecs`` (in
    this run or not: ``Context.peers``)."""
    return memo(ctx, ("pluggy-hooks", ctx.contract.name), lambda: _contract_hooks(ctx, spec))


def _contract_hooks(ctx: Context, spec: PluggyContract) -> HookSet:
    hooks, _ = host_hooks(ctx, spec)
    # Every plugin of the whole-host run: a shard's (or a path's) plugin may implement a hook
    # that a plugin checked elsewhere adds, and the host has that hookspec all the same.
    for plugin in ctx.peers or ctx.plugins:
        roots = ctx.roots(plugin)
        for path in plugin.files:
            info = ctx.index.info(path)
            if info is None:
                continue
            for namespace, class_name in added_hookspecs(ctx.index, info, roots, spec.addhooks):
                hooks.sources.append(str(namespace.path))
                for found in specs_in(ctx.index, namespace, spec.marking, roots, class_name):
                    hooks.add(found)
    return hooks


def plugin_impls(ctx: Context, plugin: Plugin, spec: PluggyContract) -> list[Impl]:
    """The hookimpls ``register`` finds in what the entry point names (the module by default)."""
    info = ctx.module(plugin)
    if info is None:
        return []
    target = target_of(ctx.env)
    attr = plugin.entry_point.attr if plugin.entry_point else None
    installed = installed_for(ctx, plugin)
    roots = ctx.roots(plugin)
    discovery = memo(
        ctx, ("pluggy-discovery", ctx.contract.name), lambda: pluggy_discovery(ctx.index, roots)
    )
    return memo(
        ctx,
        ("pluggy-impls", ctx.contract.name, plugin.key),
        lambda: impls_in(
            ctx.index,
            info,
            spec.marking,
            ctx.roots(plugin),
            plugin.files,
            target=target,
            attr=attr,
            missing=lambda module: not installed.has(module),
            discovery=discovery,
        ),
    )
