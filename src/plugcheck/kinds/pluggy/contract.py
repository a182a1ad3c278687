"""The ``pluggy`` table of a contract, and the hooks it names: the host's hookspecs read
once per contract, and each plugin's hookimpls as ``register`` would find them."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck._ecosystem_worker.protocol import AttributeRequest, HookReturnRequest
from plugcheck.config.fields import attribute_requests, sample_refs
from plugcheck.kinds.pluggy import spec_entries
from plugcheck.model import (
    Contract,
    Plugin,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.installed_modules import installed_for
from plugcheck.static.bindings import target_of
from plugcheck.static.hooks import Impl, impls_in
from plugcheck.static.hookspecs import HookSet, Marking, added_hookspecs, specs_in
from plugcheck.static.module_dir import pluggy_discovery
from plugcheck.static.parse import ModuleInfo


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
    attributes: tuple[AttributeRequest, ...] = ()
    """Attributes the host reads from each value (to name the plugin: there, not empty)."""
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
    """Hook argument name -> ``module:callable`` making what the host passes for it, or
    ``:<json>``, a literal it passes (config.fields.stand_in_ref): with them
    the harness calls each hook the plugin implements once (PC519)."""
    samples: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Hook argument -> the stand-ins of the values the host passes across its calls, for an
    argument with several (``{ samples = [...] }``; ``stand_ins`` holds the first): the hook
    is called once per sample."""
    calls: tuple[tuple[str, int], ...] = ()
    """Hook name -> how many times the host calls it (``calls`` as a table)."""
    default_calls: int = 1
    """How many times the host calls the other hooks (``calls`` as a number)."""
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

    def times(self, hook: str, argnames: Sequence[str], *, historic: bool = False) -> int:
        """How many times the harness calls ``hook`` (whose spec takes ``argnames``), as the
        host does: the contract's ``calls`` for it, at least once per sample of an argument;
        a historic hook once (pluggy replays the host's one ``call_historic``)."""
        if historic:
            return 1
        samples = dict(self.samples)
        wanted = dict(self.calls).get(hook, self.default_calls)
        return max([wanted, *(len(samples[a]) for a in argnames if a in samples)])

    @property
    def varied(self) -> frozenset[str]:
        """The hook arguments the host passes several different values for (``samples``): no
        one value of theirs decides what a call does."""
        return frozenset(name for name, _ in self.samples)


def pluggy_contract(contract: Contract) -> PluggyContract | None:
    raw: Mapping[str, Any] | None = contract.options.get("pluggy")
    if contract.kind != "pluggy" or not isinstance(raw, dict):
        return None
    samples = {
        name: sample_refs(value) or [""] for name, value in dict(raw.get("stand-ins") or {}).items()
    }
    calls = raw.get("calls", 1)
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
        stand_ins=tuple(sorted((name, refs[0]) for name, refs in samples.items())),
        samples=tuple(sorted((name, tuple(refs)) for name, refs in samples.items() if refs[1:])),
        calls=tuple(sorted(calls.items())) if isinstance(calls, dict) else (),
        default_calls=calls if isinstance(calls, int) else 1,
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
                    attributes=tuple(attribute_requests(table.get("attributes", []))),
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
    # that a plugin checked elsewhere adds, and the host has that hookspec all the same; a
    # plugin added or removed is another value (the result cache compares the fact).
    ctx.index.depends_on("plugins")
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


def plugin_impls(
    ctx: Context, plugin: Plugin, spec: PluggyContract, *, skipped: bool = False
) -> list[Impl]:
    """The hookimpls ``register`` finds in what the entry point names (the module by default);
    with ``skipped``, instead the marked names it passes over (``Impl.skipped``)."""
    return [i for i in _impls(ctx, plugin, spec) if (i.skipped is not None) == skipped]


def _impls(ctx: Context, plugin: Plugin, spec: PluggyContract) -> list[Impl]:
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
