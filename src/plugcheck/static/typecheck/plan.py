"""Planning the mypy builds: contracts and plugins become check modules, split into as few
groups of builds as module names allow, each group into parts of at most :func:`part_size`
plugins that run one after another over the group's one cache (peak memory stays that of a
part: the host's modules come from the cache after the first)."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.model import Contract, ExportKind, Plugin, TypeRef
from plugcheck.static.index import ModuleIndex
from plugcheck.static.mypy_names import SUPPORT
from plugcheck.static.typecheck.recheck import BodyShim, body_targets
from plugcheck.static.typecheck.registered import registered
from plugcheck.static.typecheck.shadows import Shadows
from plugcheck.static.typecheck.shares import ID_SPACE, Share, Shares, number_of
from plugcheck.static.typecheck.stubs import Unstubbed, unstubbed
from plugcheck.static.typecheck.targets import (
    CheckModule,
    Target,
    module_files,
    plugin_targets,
)

PART_ENV = "PLUGCHECK_MYPY_PART"
"""Plugins per mypy build (default :data:`PART`); tests make it small to split small fleets."""
PART = 2000
"""One build of 10,000 synthetic plugins peaks at 1.1 GiB (bare mypy alike), one of 2,000 at
about a quarter of that; each further part costs the reload of the host's modules from cache."""


def part_size() -> int:
    try:
        return max(int(os.environ.get(PART_ENV, "")), 1)
    except ValueError:
        return PART


@dataclass(slots=True)
class Plan:
    """Check modules plus the sources and search path mypy needs; one plan per mypy build."""

    modules: list[CheckModule] = field(default_factory=list)
    targets: dict[int, Target] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    """Module name -> file, for every plugin file."""
    owners: dict[Path, Plugin] = field(default_factory=dict)
    by_path: dict[str, Plugin] = field(default_factory=dict)
    search: list[Path] = field(default_factory=list)
    plugins: list[Plugin] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    """Top-level packages of the host (the contract's types, ``api``, ``host-packages``) and of
    the plugins: mypy analyses their installed source when they ship no type information."""
    unstubbed: list[Unstubbed] = field(default_factory=list)
    """Host modules mypy reads from their source, not from installed stubs (``stubs``)."""
    registered: set[int] = field(default_factory=set)
    """Targets the host accepts by an ABC's register(), which mypy judges by their bases
    (``registered``)."""
    group: int = 0
    """The plans of one group share a mypy cache (no two of their modules clash by name)."""
    part: int = 0
    """The plan's place in its group."""


def plans(
    contracts: Sequence[tuple[Contract, list[Plugin]]],
    index: ModuleIndex,
    env: Environment,
    skip: set[Path],
    shares: Shares | None = None,
) -> list[Plan]:
    """Split the work into as few groups as module names allow (usually one), each into parts
    of at most :func:`part_size` plugins; ``shares``: plugins' shares kept by earlier runs."""
    size = part_size()
    groups: list[dict[str, Path]] = []
    """Every module of each group, for the name clash check."""
    parts: list[list[Plan]] = []
    taken: set[int] = set()
    """The plugins' numbers (``shares.number_of``)."""
    tops = _host_modules([c for c, _ in contracts])
    for position, (contract, plugins) in enumerate(contracts):
        if not has_checks(contract):
            continue
        shadows = Shadows(contract.search_path, env.sys_path)
        per_batch: dict[tuple[int, int], list[Plugin]] = {}
        for plugin in plugins:
            if plugin.module_path is None or any(f in skip for f in plugin.files):
                continue
            modules = module_files(plugin)
            copied = shadows.copies(plugin, tops)
            modules = {n: p for n, p in modules.items() if n.split(".")[0] not in copied}
            if not modules:
                continue
            slot = 0
            while slot < len(groups) and _clashes(groups[slot], modules):
                slot += 1
            if slot == len(groups):
                groups.append({})
                parts.append([])
            groups[slot].update(modules)
            if not parts[slot] or len(parts[slot][-1].plugins) >= size:
                parts[slot].append(Plan(group=slot, part=len(parts[slot])))
            batch = parts[slot][-1]
            batch.sources.update(modules)
            batch.owners.update({p: plugin for p in plugin.files})
            batch.plugins.append(plugin)
            per_batch.setdefault((slot, batch.part), []).append(plugin)
        for (slot, part), chosen in per_batch.items():
            _check_module(parts[slot][part], position, contract, chosen, index, env, shares, taken)
    batches = [batch for group in parts for batch in group]
    unstubbed_ = unstubbed([c for c, _ in contracts], env) if batches else []
    for batch in batches:
        batch.unstubbed = unstubbed_
        batch.search = _search_path(batch, [c for c, _ in contracts], env)
        batch.hosts = _hosts([c for c, _ in contracts], batch)
    return batches


def _host_modules(contracts: list[Contract]) -> set[str]:
    return {name for contract in contracts for name in contract.host_modules()}


def _hosts(contracts: list[Contract], batch: Plan) -> set[str]:
    found = _host_modules(contracts)
    # A plugin module inside an installed package (pymdownx.details): its package is followed
    # too, or mypy stops at the untyped parent before it reaches the plugin.
    return found | {name.split(".")[0] for name in batch.sources}


def has_checks(contract: Contract) -> bool:
    """Whether mypy judges anything of this contract's plugins (typed exports, a typed entry
    point object, a lifecycle's factory against its protocol)."""
    lifecycle = contract.lifecycle
    typed_ep = contract.entry_point_object is not None and contract.entry_point_object.type
    return (
        any(e.type for e in contract.exports)
        or bool(typed_ep)
        or bool(lifecycle and lifecycle.protocol and lifecycle.factory)
    )


def _clashes(sources: dict[str, Path], modules: dict[str, Path]) -> bool:
    return any(name in sources and sources[name] != path for name, path in modules.items())


def _check_module(
    batch: Plan,
    position: int,
    contract: Contract,
    plugins: list[Plugin],
    index: ModuleIndex,
    env: Environment,
    shares: Shares | None,
    taken: set[int],
) -> None:
    # A name of its own per part: the parts share a cache, where one name is one entry.
    suffix = f"_{batch.part}" if batch.part else ""
    module = CheckModule(f"_plugcheck_check_{position}{suffix}")
    module.add(f"# Generated by plugcheck for contract {contract.name!r}: do not edit.")
    module.add("from typing import Callable, cast")
    module.add(f"import {SUPPORT} as _pc")
    aliases: dict[str, str] = {}
    types: dict[str, str] = {}

    def type_var(ref: TypeRef, kind: ExportKind | None) -> str:
        """The variable of ``ref``'s type in the check module: ``type[ref]`` for a class the
        host wants, ``Callable[..., ref]`` for anything it calls to make one."""
        key = f"{ref}[{kind.value if kind else ''}]"
        if key in types:
            return types[key]
        if ref.inline:
            return inline_var(ref, key)
        if ref.module not in aliases:
            alias = aliases[ref.module] = f"_api{len(aliases)}"
            line = module.add(f"import {ref.module} as {alias}")
            module.line_types[line] = f"{ref}"
        spelled = f"{aliases[ref.module]}.{ref.name}"
        if kind is ExportKind.CLASS:
            spelled = f"type[{spelled}]"
        elif kind is ExportKind.FACTORY:
            spelled = f"Callable[..., {spelled}]"
        var = types[key] = f"_t{len(types)}"
        line = module.add(f"{var} = cast({spelled}, None)")
        module.line_types[line] = f"{ref}"
        return var

    def inline_var(ref: TypeRef, key: str) -> str:
        """An annotation the contract writes out: typing's names in scope, and each module a
        dotted name in it reaches imported (``isort.settings.Config``: ``import isort.settings``).
        """
        if "typing *" not in aliases:
            aliases["typing *"] = ""
            module.add("from typing import *")
        for dotted in sorted(set(re.findall(r"\b[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+", ref.name))):
            imported = dotted.rpartition(".")[0]
            # Keyed apart from the named types' modules, which are imported under an alias.
            if f"inline {imported}" not in aliases:
                aliases[f"inline {imported}"] = imported
                module.add(f"import {imported}")
        var = types[key] = f"_t{len(types)}"
        line = module.add(f"{var} = cast({ref.name}, None)")
        module.line_types[line] = f"{ref}"
        return var

    checks: list[tuple[str, Target]] = []
    imports: list[tuple[str, str, Plugin]] = []
    for plugin in plugins:
        share = shares.get(contract, plugin, taken) if shares is not None else None
        if share is None:
            with contextlib.ExitStack() as stack:
                reads = stack.enter_context(index.recording()) if shares is not None else None
                share = _share(contract, plugin, index, env, number_of(contract, plugin, taken))
            if shares is not None and reads is not None:
                shares.put(contract, plugin, share, reads)
        if not share.planned:
            continue
        imports.extend((name, alias, plugin) for name, alias in share.imports)
        batch.registered.update(share.registered)
        for target, expr in share.checks:
            batch.targets[target.id] = target
            if target.kind == "export" and target.expected is not None and target.export:
                var = type_var(target.expected, target.export.kind)
                checks.append((f"_pc.export({target.id}, {var}, {expr})", target))
            elif target.kind == "lifecycle" and target.expected is not None:
                var = type_var(target.expected, None)
                called = _host_calls(contract)
                tail = f", {called!r}" if called else ""
                checks.append((f"_pc.lifecycle({target.id}, {var}, {expr}{tail})", target))
            elif target.kind == "construct":
                checks.append((f"_pc.construct({target.id}, {expr})", target))
        batch.modules.extend(share.shims)
    for name, alias, plugin in imports:
        line = module.add(f"import {name} as {alias}")
        module.line_plugins[line] = plugin
    for text, target in checks:
        line = module.add(text)
        module.line_targets[line] = target
    batch.modules.append(module)


def _share(
    contract: Contract, plugin: Plugin, index: ModuleIndex, env: Environment, number: int
) -> Share:
    """What the check module asks mypy about ``plugin``, its imports and shim modules: ids from
    ``number * ID_SPACE``, aliases ``_p<number>...`` (the same whichever plugins come before)."""
    share = Share(number)
    info = index.info(plugin.module_path) if plugin.module_path else None
    if info is None:
        share.planned = False
        return share
    ids = itertools.count(number * ID_SPACE)
    extra: dict[str, str] = {plugin.module: f"_p{number}"}
    share.imports.append((plugin.module, extra[plugin.module]))

    def module_alias(name: str) -> str:
        if name not in extra:
            extra[name] = f"_p{number}_{len(extra)}"
            share.imports.append((name, extra[name]))
        return extra[name]

    shims: list[CheckModule] = []
    bodies = functools.partial(
        body_targets, plugin=plugin, contract=contract, index=index, ids=ids, shims=shims
    )
    share.checks = list(
        plugin_targets(contract, plugin, info, module_alias, index, env, ids, shims, bodies)
    )
    for shim in shims:
        if isinstance(shim, BodyShim):
            continue  # nothing refers to it: mypy checks it as a module of its own
        module_alias(shim.name)
        shim.line_plugins = dict.fromkeys(range(1, len(shim.lines) + 1), plugin)
    share.shims = shims
    # Asked now, while the plugin's trees are parsed (judging it after the build parsed every
    # plugin's files again).
    share.registered = [t.id for t, _ in share.checks if registered(index, env, t)]
    index.release(plugin.files)  # parsed again for this plan only: memory stays flat
    return share


def _host_calls(contract: Contract) -> str:
    """The host's ``lifecycle.calls`` as the mypy hook reads them: JSON ``[[method, positional
    count, [keyword names], how the host calls it]]``. A method the protocol declares is judged
    by mypy (its keywords' names too); one it does not declare by the call alone."""
    calls = contract.lifecycle.calls if contract.lifecycle else None
    listed = [
        [c.method, len(c.stand_ins), [name for name, _ in c.keywords], str(c)] for c in calls or ()
    ]
    return json.dumps(listed) if listed else ""


def _search_path(batch: Plan, contracts: list[Contract], env: Environment) -> list[Path]:
    site = set(env.sys_path)
    found: dict[Path, None] = {}
    for contract in contracts:
        for path in contract.search_path:
            if path not in found and path not in site and path.is_dir():
                found[path] = None
    shadows = Shadows(list(found), env.sys_path)
    own = {name.split(".")[0] for name in batch.sources}
    for plugin in batch.plugins:
        root = plugin.import_root
        if root is None or root in found or root in site:
            continue
        # A root holding a module the host has (but the plugins' own) would type every plugin.
        if not shadows.of(root) - own:
            found[root] = None
    return list(found)
