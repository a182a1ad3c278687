"""A standard-library name means the standard library in a plugin's process, never a plugin's
file: ``plugins/csv.py`` in a folder of plugins would otherwise be what ``import csv`` gets in
the process of every other plugin of that folder (its root is first on ``sys.path``, as hosts
put it) and of the harness's own late imports (``asyncio``, ``traceback``). Its code then ran in
another plugin's process, where the driver and that plugin's token are: it replaced the
victim's factory before the harness called it, and the victim's failure vanished.

Stdlib only, loaded by the fork server (``server``) and by the registration worker by path.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import BuiltinImporter, FrozenImporter, PathFinder
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from typing import Any


def stdlib_names() -> frozenset[str]:
    """The top-level names of the standard library (``sys.stdlib_module_names`` from 3.10;
    before that, what the stdlib's directories hold and the builtin modules)."""
    names = getattr(sys, "stdlib_module_names", None)
    if names is not None:
        return frozenset(names)
    import sysconfig

    found = set(sys.builtin_module_names)
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib"):
        base = paths.get(key)
        for folder in (base, os.path.join(base, "lib-dynload")) if base else ():
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            found.update(e.partition(".")[0] for e in entries if e != "site-packages")
    return frozenset(n for n in found if n.isidentifier())


class StdlibFirst:
    """A meta-path finder, first in ``sys.meta_path``: a top-level standard-library name is
    looked up among the builtin and frozen modules, then only in ``trusted`` (the host's search
    path and the environment: ``sys.path`` before any plugin's root joins it); found
    nowhere there, it is not found (a plugin's folder does not stand in for it)."""

    def __init__(self, trusted: Sequence[str]) -> None:
        self.trusted = [p for p in trusted if p]
        self.names = stdlib_names()
        self.own: str | None = None
        """The plugin's own top-level name in its process, when it is a standard-library name
        not imported yet: it resolves as in the host, to the plugin's file first."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if path is not None or fullname not in self.names or fullname == self.own:
            return None
        for finder in (BuiltinImporter, FrozenImporter):  # bound: worker_only drops machinery
            spec = finder.find_spec(fullname)
            if spec is not None:
                return spec
        spec = PathFinder.find_spec(fullname, self.trusted)
        if spec is not None:
            return spec
        raise ModuleNotFoundError(
            f"No module named {fullname!r} in the standard library (a plugin's file of that "
            "name is not imported for it)",
            name=fullname,
        )

    def invalidate_caches(self) -> None:
        return None


def own(module: str) -> None:
    """(a plugin's process) The plugin's own module ``module`` resolves as the host resolves it
    when its top-level name is a standard-library module not imported before plugins load
    (``plugins/calendar.py``: the host's ``import_module("calendar")``, its folder first on
    ``sys.path``, gets the plugin's file; red team finding 26). A standard-library module the
    host (the server) has imported stays the one the host's import gets."""
    top = module.partition(".")[0]
    for finder in sys.meta_path:
        if isinstance(finder, StdlibFirst):
            finder.own = top if top not in sys.modules else None


def install(trusted: Sequence[str]) -> None:
    """Put a :class:`StdlibFirst` over ``trusted`` first in ``sys.meta_path``."""
    sys.meta_path.insert(0, StdlibFirst(trusted))
