"""What a plugin's import root would hand to every plugin of a mypy build: the modules in it
that the host already gets from elsewhere.

A plugin's import root is on mypy's search path (so that its imports of modules beside it
resolve), and mypy's search path comes before ``site-packages``: a module in one plugin's root
is that module for every plugin of the build. Where the host has its own (the contract's
``search-path``, the target's ``sys.path``), the plugin's copy is never what the host's
``import`` gives (the host imported its modules before it loaded a plugin; a stub, ``.pyi``,
is never imported at all), and it must type no plugin. Before, a ``plugapi/__init__.pyi`` in
one plugin's tree with ``Factory = Callable[..., Any]`` made every other plugin's PC201 vanish,
and a ``typing.pyi`` or a vendored ``typing_extensions.py`` ended the whole run (exit 2, "mypy
cannot analyse the contract's API: ... shadows library module") (red team sand19)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from plugcheck.model import Plugin

_SUFFIXES = (".py", ".pyi")


class Shadows:
    """The top-level modules each folder gives mypy, read once per folder."""

    def __init__(self, host_dirs: Sequence[Path], environment: Sequence[Path]) -> None:
        self._host = [*host_dirs, *environment]
        self._seen: dict[Path, frozenset[str]] = {}
        self._hosts: frozenset[str] | None = None
        self._of: dict[Path, frozenset[str]] = {}

    def of(self, root: Path) -> frozenset[str]:
        """The modules ``root`` gives that a host folder other than ``root`` gives too (none
        when ``root`` is one of the host's folders: it is where the host gets them). Once per
        root: the plugins of a folder of plugin modules share it (before, each of N such plugins
        looked each of the folder's N names up in every host folder: 24 million lookups, 45 s
        of the mypy pass at 3,000 bench plugins)."""
        if root in self._host:
            return frozenset()
        found = self._of.get(root)
        if found is None:
            mine = self._names(root)
            found = self._of[root] = mine & self._host_names() if mine else frozenset()
        return found

    def _host_names(self) -> frozenset[str]:
        """Every top-level module the host's folders give."""
        if self._hosts is None:
            self._hosts = frozenset().union(*map(self._names, self._host))
        return self._hosts

    def copies(self, plugin: Plugin, host_modules: set[str]) -> frozenset[str]:
        """The modules of the plugin's root mypy must not read as sources: all it shadows but
        its own module, which is a host module's name too only for a plugin named like one."""
        if plugin.import_root is None:
            return frozenset()
        own = plugin.module.split(".")[0]
        return frozenset(n for n in self.of(plugin.import_root) if n != own or n in host_modules)

    def _names(self, folder: Path) -> frozenset[str]:
        found = self._seen.get(folder)
        if found is None:
            found = self._seen[folder] = frozenset(_modules_in(folder))
        return found


def _modules_in(folder: Path) -> set[str]:
    names: set[str] = set()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return names
    for entry in entries:
        stem, suffix = os.path.splitext(entry.name)
        try:
            if suffix in _SUFFIXES and entry.is_file():
                names.add(stem)
            elif not suffix and entry.is_dir():
                inits = (os.path.join(entry.path, "__init__" + s) for s in _SUFFIXES)
                if any(os.path.isfile(i) for i in inits):
                    names.add(entry.name)
        except OSError:
            continue
    return names
