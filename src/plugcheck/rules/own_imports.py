"""What importing a plugin runs: the one walk every rule reads.

:func:`import_walk` answers, once per plugin, which modules importing it runs and how surely
(``import_edges.Kind``): its parent packages and module, then what their module-level imports
reach in the plugin's own files and its top-level package, in the order Python imports them
(``import_edges`` reads each module's imports). Last come the modules only a function's body
imports (:attr:`Kind.LATER`). :func:`loaded` (PC515 and the rules that judge what surely runs),
``installed.reached_files`` (PC309, never_imported), ``host_names.imported_with`` (PC530) and
``may_run`` (PC110, PC353: every level) are views of it.

The real import of a plugin withdraws the static findings that predict that import fails
(PC530, PC558): it ran every module that import surely runs. A module that only a function of
the plugin imports is not run by that import but when the function is called
(``deferred_imports``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.import_edges import Kind, edges, parents
from plugcheck.static.parse import ModuleInfo

CLOSURE_LIMIT = 400
"""At most this many of a plugin's own modules are followed (a library's whole package)."""


@dataclass(frozen=True, slots=True)
class Reached:
    """A module importing the plugin runs."""

    module: str
    path: Path
    kind: Kind
    own: bool
    """One of the plugin's own files (else a module of its top-level package outside them)."""


@dataclass(frozen=True, slots=True)
class Walk:
    """What importing the plugin runs: its parent packages, its module, and what their
    module-level imports reach in the plugin's own files and top-level package, in the order
    Python imports them (depth first, parents first), :attr:`Kind.SURE` ones first."""

    reached: tuple[Reached, ...]
    complete: bool
    """No module of the plugin's top-level package was left out for :data:`CLOSURE_LIMIT`."""

    def paths(self, weakest: Kind = Kind.SURE, *, own: bool = True) -> list[Path]:
        """The files of the modules run at least as surely as ``weakest`` (own ones only)."""
        return [r.path for r in self.reached if r.kind <= weakest and (r.own or not own)]

    def modules(self, weakest: Kind = Kind.SURE) -> set[str]:
        return {r.module for r in self.reached if r.kind <= weakest}


def import_walk(ctx: Context, plugin: Plugin) -> Walk:
    """What importing ``plugin`` runs (:class:`Walk`): the one answer every rule reads, made
    once per plugin."""
    return memo(ctx, ("import walk", ctx.contract.name, plugin.key), lambda: _walk(ctx, plugin))


def loaded(ctx: Context, plugin: Plugin) -> list[Path]:
    """The plugin's own files the host's import of it certainly runs (:attr:`Kind.SURE`), in
    the order Python runs them."""
    return import_walk(ctx, plugin).paths()


def own_roots(ctx: Context, plugin: Plugin, own: set[Path]) -> list[Path]:
    """The import roots up to the last one holding a file of the plugin: an import found only
    in a later root is not the plugin's own file, so looking further is wasted."""
    roots = ctx.roots(plugin)
    folders: set[str] = set()  # ``f.parents`` as strings: a Path made for each was most of this
    for folder in map(str, own):
        while (parent := os.path.dirname(folder)) != folder and parent not in folders:
            folders.add(folder := parent)
    holding = [
        i
        for i, root in enumerate(roots)
        if (resolved := resolved_path(ctx, root)) is not None and str(resolved) in folders
    ]
    return roots[: holding[-1] + 1] if holding else []


def resolved_path(ctx: Context, path: Path) -> Path | None:
    try:
        return ctx.index.real(path)
    except OSError:
        return None


def _walk(ctx: Context, plugin: Plugin) -> Walk:
    if plugin.module_path is None:
        return Walk((), True)
    walker = Walker(ctx, plugin)
    start = [(plugin.module, plugin.module_path)]
    start += parents(ctx.index, plugin.module, walker.roots)[::-1]
    for level in Kind:
        found = walker.found.values()
        walker.visit(
            start if level is Kind.SURE else [(r.module, r.path) for r in found][::-1], level
        )
    return Walk(tuple(walker.found.values()), walker.complete)


class Walker:
    """Follows module-level imports from a stack of modules, depth first (Python's order),
    into the plugin's own files and its top-level package."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx, self.plugin = ctx, plugin
        self.roots = ctx.roots(plugin)
        self.top = plugin.module.split(".")[0]
        self.own = {ctx.index.real(p) for p in (*plugin.files, *filter(None, [plugin.module_path]))}
        self.mine_only = own_roots(ctx, plugin, self.own)  # where another package's file can be
        self.found: dict[str, Reached] = {}
        self.complete = True

    def visit(
        self, stack: list[tuple[str, Path]], level: Kind, expanded: set[str] | None = None
    ) -> None:
        """Adds to :attr:`found` what ``stack`` (popped from its end) reaches through imports
        at least as sure as ``level``; a module in ``expanded`` is not followed again. At
        :attr:`Kind.LATER` only the plugin's own files are added."""
        ctx, index = self.ctx, self.ctx.index
        expanded = set() if expanded is None else expanded
        while stack:
            module, path = stack.pop()
            if module in expanded:
                continue
            expanded.add(module)
            mine = index.real(path) in self.own
            if module not in self.found:
                if not mine and level is Kind.LATER:
                    continue  # what a function imports is followed in the plugin's files only
                if not mine and sum(not r.own for r in self.found.values()) >= CLOSURE_LIMIT:
                    self.complete = False
                    continue
                self.found[module] = Reached(module, path, level, mine)
            info = index.info(path)
            if info is None:
                continue
            pending: list[tuple[str, Path]] = []
            for name, kind in edges(ctx, self.plugin, module, info):
                if kind > level or name in expanded:
                    continue
                searched = self.roots if name.split(".")[0] == self.top else self.mine_only
                where = index.find_module(name, searched)
                if where is None or (
                    searched is self.mine_only and index.real(where) not in self.own
                ):
                    continue
                pending.extend([*parents(index, name, searched), (name, where)])
            stack.extend(reversed(pending))


def closure(
    ctx: Context,
    plugin: Plugin,
    stack: list[tuple[str, Path]],
    seen: set[str],
    *,
    own_too: bool = False,
) -> Iterator[tuple[str, ModuleInfo]]:
    """The modules of the plugin's own package ``stack`` (popped from its end) imports, and
    what their module-level imports surely run reaches (:attr:`Kind.SURE`), outside the
    plugin's files (all of them with ``own_too``), skipping and adding to ``seen``. Depth first
    in statement order, parents first: the order Python imports them in."""
    top = plugin.module.split(".")[0]
    roots = ctx.roots(plugin)
    own = {ctx.index.real(p) for p in plugin.files}
    while stack and len(seen) < CLOSURE_LIMIT:
        module, path = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        if own_too or ctx.index.real(path) not in own:
            yield module, info
        pending: list[tuple[str, Path]] = []
        for name, kind in edges(ctx, plugin, module, info):
            if kind is not Kind.SURE or name.split(".")[0] != top or name in seen:
                continue
            found = ctx.index.find_module(name, roots)
            if found is not None:
                pending.extend([*parents(ctx.index, name, roots), (name, found)])
        stack.extend(reversed(pending))
