"""The plugins of paths named on the command line: each is the plugin the whole-host run has
there (installed entry points' modules, plugins the contracts' own discovery finds), else a
plugin found by path. Nothing here imports plugin code."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from plugcheck import projectmeta
from plugcheck.discovery import DiscoveryError, explicit
from plugcheck.discovery.entry_points import covers_name, from_entry_point, selected_entry_points
from plugcheck.discovery.placement import contained, dotted, import_roots
from plugcheck.discovery_cache import cached_discover
from plugcheck.environment import Environment
from plugcheck.model import Contract, Plugin
from plugcheck.options import Options
from plugcheck.passes import cache_root
from plugcheck.projectmeta import EntryPoints
from plugcheck.run_report import Report


def explicit_by_contract(
    paths: list[Path],
    contracts: list[Contract],
    env: Environment,
    discovered: Mapping[str, Sequence[Plugin]] | None = None,
) -> dict[str, list[Plugin]]:
    """The plugins of command-line ``paths``, per contract name.

    A path that installed entry points of some contracts' groups point at (a module in
    site-packages, ``catppuccin/extras/pygments.py``) is those entry-point plugins, and goes to
    those contracts only: their names, distribution and the class each names are known. So
    does a path that is, or lies inside, a plugin some contracts' own discovery finds
    (``discovered``: a project's ``src/pkg/__init__.py``, a package's ``impl.py``): it is that
    plugin, as the whole-host run has it (its project, its name, its import root), for those
    contracts only. A path right inside a contract's ``namespace`` package, or in a project or
    installed distribution that declares entry points of a contract's group, goes to those
    contracts only. Any other path goes to every contract, as a plugin found by path, except
    the group contracts its project or distribution shows the host never reaches it through
    (it declares its entry points, none of them in the group): a Pyramid add-on is no
    ``pyramid.pshell_runner`` plugin, and judging it as one reported each finding twice.
    """
    installed: dict[str, list[Plugin]] = {}
    for contract in contracts:
        if contract.entry_point_group:
            roots = import_roots(contract, env.sys_path)
            installed[contract.name] = [
                contained(from_entry_point(raw, contract), contract, roots)
                for raw in sorted(
                    selected_entry_points(env, contract), key=lambda e: (e["name"], e["value"])
                )
            ]
    found: dict[str, list[Plugin]] = {c.name: [] for c in contracts}
    for path in paths:
        # A dangling link or a link loop is what discovery found there (PC001) when it lies in
        # a contract's plugin tree; outside every host it names nothing (a usage error).
        broken = not path.exists()
        if broken and not path.is_symlink():
            raise DiscoveryError(f"{path}: no such file or directory")
        claims = {
            name: [p for p in plugins if not broken and _points_at(p, path.resolve())]
            for name, plugins in installed.items()
        }
        if any(claims.values()):
            for name, plugins in claims.items():
                found[name].extend(p for p in plugins if p not in found[name])
            continue
        holding = {c.name: _holding(path, (discovered or {}).get(c.name, ())) for c in contracts}
        if any(holding.values()):
            for name, plugins in holding.items():
                found[name].extend(p for p in plugins if p not in found[name])
            continue
        if broken:
            raise DiscoveryError(f"{path}: no such file or directory")
        # A module of a contract's namespace package (Sopel's sopel_modules/<name>) is that
        # contract's plugin: the host imports it as <namespace>.<name>, through no other path.
        spaced = [c for c in contracts if _in_namespace(path, c)]
        grouped = len(contracts) > 1 and any(c.entry_point_group for c in contracts)
        groups = declared_groups(path, _all_roots(contracts, env.sys_path)) if grouped else None
        holders = [c for c in contracts if c in spaced or in_groups(c, groups)]
        reached = [c for c in contracts if groups is None or not c.entry_point_group]
        for contract in holders or reached or contracts:
            found[contract.name].extend(
                dotted(p, contract, env.sys_path)
                for p in explicit([path], contract, env.sys_path, env.extension_suffixes)
            )
    return found


def _in_namespace(path: Path, contract: Contract) -> bool:
    """Whether ``path`` lies right in the package the contract's ``namespace`` names."""
    namespace = contract.options.get("namespace")
    if not isinstance(namespace, str) or not namespace:
        return False
    parts = tuple(namespace.split("."))
    return _where(path).parent.parts[-len(parts) :] == parts


def _all_roots(contracts: Sequence[Contract], sys_path: Sequence[Path]) -> list[Path]:
    return list(dict.fromkeys(r for c in contracts for r in import_roots(c, sys_path)))


def in_groups(contract: Contract, groups: Mapping[str, Mapping[str, object]] | None) -> bool:
    """Whether ``groups`` (a project's declared entry points) has one the contract covers."""
    if groups is None or not contract.entry_point_group:
        return False
    return any(
        covers_name(contract, n)
        for group, names in groups.items()
        if contract.in_group(group)
        for n in names
    )


def declared_groups(path: Path, sys_path: Sequence[Path]) -> EntryPoints | None:
    """The entry points declared by the installed distribution whose RECORD lists ``path`` (its
    ``__init__.py`` for a package), else by the project ``path`` is or lies in; ``None`` when
    neither is known or they cannot be read (:func:`declaring`)."""
    found = declaring(path, sys_path)
    return found[1] if found is not None else None


def declaring(path: Path, sys_path: Sequence[Path]) -> tuple[str, EntryPoints] | None:
    """Who declares ``path``'s entry points, for a message (``sqlite_utils_sqlite_vec-0.1.0
    .dist-info``, ``project 'x' (pyproject.toml)``), and those entry points: the installed
    distribution whose RECORD lists ``path`` (its ``__init__.py`` for a package), else the
    project ``path`` is or lies in (the nearest folder with a project file, read as
    :mod:`projectmeta` reads it, installed metadata for what its files leave dynamic); ``None``
    when neither is known or they cannot be read."""
    where = _where(path)
    module = where / "__init__.py" if where.is_dir() else where
    if module.is_file() and (owner := projectmeta.owning(module, sys_path)) is not None:
        return owner[0].name, projectmeta.entry_points_of(owner[0])
    roots = {r.absolute() for r in sys_path}
    for folder in (where, *where.parents) if where.is_dir() else where.parents:
        if folder in roots:
            return None
        if any((folder / name).is_file() for name in projectmeta.FILES):
            meta = projectmeta.read(folder)
            if meta is None:
                return None
            meta, _ = projectmeta.with_installed(meta, sys_path)
            value = meta.entry_points.value
            if not isinstance(value, Mapping):
                return None
            return f"project {meta.name!r} ({meta.source.name})", value
    return None


def _holding(path: Path, plugins: Sequence[Plugin]) -> list[Plugin]:
    """The ``plugins`` that ``path`` is, or lies inside (their root, a folder or file in it).
    A top-level module's root is the folder it sits in, an import root (site-packages) that
    holds every other distribution's files: such a plugin is its file only."""
    real = _where(path)
    return [
        p
        for p in plugins
        if (root := _where(p.root)) == real
        or (root.is_dir() and root in real.parents and not _top_level_module(p))
    ]


def _top_level_module(plugin: Plugin) -> bool:
    module_path = plugin.module_path
    return (
        module_path is not None
        and "." not in plugin.module
        and module_path.name != "__init__.py"
        and _where(module_path.parent) == _where(plugin.root)
    )


def _where(path: Path) -> Path:
    """``path``'s real location; for a link that leads nowhere, the link itself."""
    if path.exists():
        return Path(os.path.realpath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def _points_at(plugin: Plugin, path: Path) -> bool:
    if plugin.module_path is None:
        return False
    module_path = plugin.module_path.resolve()
    if module_path == path:
        return True
    return module_path.name == "__init__.py" and module_path.parent == path


def discovered(
    contracts: list[Contract], env: Environment, report: Report, options: Options
) -> dict[str, list[Plugin]]:
    """For a run on paths: each contract's plugins as its whole-host run finds them (from the
    discovery cache when unchanged), so that a named path inside one is that plugin and a
    check that judges plugins against each other sees the others."""
    found = {}
    for contract in contracts:
        try:
            found[contract.name], _ = cached_discover(
                contract, env, cache_root(report.config, options)
            )
        except (DiscoveryError, OSError) as exc:
            report.notes.append(
                f"contract {contract.name!r}: its plugins could not be listed ({exc}): the "
                "paths named are checked as plugins of their own, and PC003 compares their "
                "names only with each other"
            )
    return found
