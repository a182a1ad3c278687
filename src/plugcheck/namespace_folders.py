"""Folders a ``paths`` glob lists that the host imports as namespace packages: no
``__init__`` module, so the import runs none of the folder's files and binds none of the
contract's exports (PC101). Nothing here imports plugin code."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from plugcheck.model import Origin, Plugin

METADATA_DIRS = (".egg-info", ".dist-info")
"""A build's or an install's metadata folder beside the plugins: never a module."""


def namespace(plugin: Plugin, pattern: str, suffixes: Sequence[str]) -> bool:
    """Whether ``plugin`` is a folder the glob lists with no ``__init__`` module (source,
    ``.pyc`` or extension): the host's ``import_module(name)`` gives a namespace package, which
    runs none of the folder's files (``plugins/x/impl.py``, the packages of a grouping folder
    ``plugins/group/a/``) and binds none of the contract's exports. Hosts that list their
    folders themselves skip such a folder (``pkgutil.iter_modules``, sopel's listing), and
    the contract's glob then claims too much (PC101's fix). Not under ``**``, which lists
    every folder of every plugin too."""
    root = plugin.root
    if "**" in pattern or plugin.origin is not Origin.PATH or plugin.module_path is not None:
        return False
    if plugin.project is not None or plugin.entry_point is not None or plugin.outside:
        return False
    if root.name.endswith(METADATA_DIRS) or not root.is_dir():
        return False
    ends = (".py", ".pyc", *suffixes)
    if any(os.path.lexists(f"{root}{end}") for end in ends):
        return False  # plugins/x.py beside plugins/x/: the import finds the module, not the folder
    inits = {f"__init__{end}" for end in ends}
    try:
        return not any(entry.name in inits for entry in os.scandir(root))
    except OSError:
        return False  # an unreadable folder: PC001 (``cut_off``) says so


def no_module(plugin: Plugin) -> bool:
    """Whether ``plugin`` is a folder a ``paths`` glob lists with no ``__init__`` module: no
    Python file at all (only data, a README, a stray cache, a compiled module) or modules the
    import of the folder never runs. The host's import of it by name gives a namespace package,
    which has none of the contract's exports (PC101)."""
    return plugin.namespace_package and plugin.module_path is None and not plugin.outside


def installed_into(root: Path, sys_path: Sequence[Path]) -> bool:
    """Whether ``root`` is a folder of the target's ``sys.path`` that distributions are
    installed into (it holds a ``.dist-info`` folder)."""
    # Whether it holds distributions first: asked once per folder, where the real paths of
    # every sys.path entry were made again for each plugin in a plain folder (1% of a
    # 1,000-plugin static pass).
    return _holds_distributions(root) and root in {r.resolve() for r in sys_path}


def _holds_distributions(root: Path) -> bool:
    try:
        stamp = os.stat(root).st_mtime_ns  # an installation since the last look changes it
    except OSError:
        return False
    return _listed_distributions(root, stamp)


@functools.lru_cache(maxsize=64)
def _listed_distributions(root: Path, _stamp: int) -> bool:
    try:
        with os.scandir(root) as entries:
            return any(e.name.endswith(".dist-info") for e in entries)
    except OSError:
        return False
