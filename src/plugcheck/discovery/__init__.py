"""Find the plugins of a contract: directories, installed entry points, explicit paths.

Nothing here imports plugin code.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from plugcheck import module_scan
from plugcheck.discovery.entry_points import from_entry_point, selected_entry_points
from plugcheck.discovery.paths import module_named, package_plugin, plugin_at, plugins_at
from plugcheck.discovery.placement import contained, dotted, import_roots
from plugcheck.discovery.projects import is_project
from plugcheck.discovery.source_files import SKIP_DIRS
from plugcheck.environment import Environment
from plugcheck.model import Contract, Origin, Plugin
from plugcheck.namespace_folders import METADATA_DIRS, namespace
from plugcheck.untrusted import RealPaths


class DiscoveryError(Exception):
    """A path given on the command line is not a plugin (usage error)."""


def discover(contract: Contract, env: Environment) -> list[Plugin]:
    """Every plugin of ``contract``: its ``paths`` globs, then its entry-point group."""
    plugins: list[Plugin] = []
    seen: set[Path] = set()
    roots = import_roots(contract, env.sys_path)  # once, not once per plugin
    real = RealPaths()
    for pattern in contract.paths:
        matches = sorted(glob.glob(str(contract.root / pattern), recursive=True))
        for match in matches:
            if not os.path.exists(match) and not module_named(match, env.extension_suffixes):
                continue  # a dangling symlink or a symlink loop: nothing the host can import
            # Overlapping globs (`plugins/*` and `plugins/greeter`) find one plugin once.
            if real(match) in seen:
                continue
            found = plugins_at(
                Path(match), contract, Origin.PATH, env.sys_path, env.extension_suffixes
            ) or _folder(Path(match), pattern, contract)
            for plugin in found:
                if namespace(plugin, pattern, env.extension_suffixes):
                    plugin = replace(plugin, namespace_package=True)
                plugin = dotted(plugin, contract, env.sys_path, roots, real)
                plugin = contained(plugin, contract, roots, real)
                plugins.append(plugin)
                seen.add(real(plugin.root))
                if plugin.module_path is not None:
                    seen.add(real(plugin.module_path))
    # Top-level modules of the host's path named as the contract's pattern says (lml).
    scan = module_scan.name_pattern(contract.options.get("module-name-pattern"))
    path = (*contract.search_path, *env.sys_path)
    for listed in module_scan.matching(scan, path, env.extension_suffixes) if scan else ():
        scanned = plugin_at(listed.path, contract, Origin.PATH, env.extension_suffixes)
        if scanned is not None and real(listed.path) not in seen:  # a glob may list it too
            plugins.append(contained(scanned, contract, roots, real))
            seen.add(real(scanned.root))
    if contract.entry_point_group:
        for raw in sorted(
            selected_entry_points(env, contract), key=lambda e: (e["name"], e["value"])
        ):
            plugin = contained(from_entry_point(raw, contract), contract, roots, real)
            # An editable install of a plugin already found by path is the same plugin.
            same = (
                {plugin.root.resolve(), plugin.module_path.resolve()} if plugin.module_path else ()
            )
            if plugin.module_path is None or not seen.intersection(same):
                plugins.append(plugin)
    return plugins


def _folder(path: Path, pattern: str, contract: Contract) -> list[Plugin]:
    """A folder the glob lists with no ``__init__.py`` and no ``.py`` file at its top: data,
    a README, a stray cache, a compiled module only, or a grouping folder of packages
    (``plugins/group/a/__init__.py``). The host still imports it by name (:func:`namespace`).
    Before, discovery skipped it and the run could pass. Not under ``**``, which lists every
    folder of every plugin too, nor a folder no host imports (hidden, ``__pycache__``,
    ``tests``, metadata)."""
    name = path.name
    if "**" in pattern or name.startswith(".") or name in SKIP_DIRS:
        return []
    if name.endswith(METADATA_DIRS) or not path.is_dir() or is_project(path):
        return []
    return [package_plugin(path, name, contract, Origin.PATH, name=name)]


def explicit(
    paths: Iterable[Path],
    contract: Contract,
    sys_path: Sequence[Path] = (),
    suffixes: Sequence[str] = (),
) -> list[Plugin]:
    plugins: list[Plugin] = []
    for path in paths:
        if not path.exists():
            raise DiscoveryError(f"{path}: no such file or directory")
        found = plugins_at(path, contract, Origin.EXPLICIT, sys_path, suffixes)
        if not found:
            raise DiscoveryError(
                f"{path}: not a plugin (expected a .py module, a package directory, "
                "or a project directory with pyproject.toml, setup.cfg or setup.py)"
            )
        plugins.extend(contained(p, contract, import_roots(contract, sys_path)) for p in found)
    return plugins
