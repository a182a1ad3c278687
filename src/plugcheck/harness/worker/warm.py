"""What every plugin's process would otherwise redo after its fork, done once before the first:
the import system's directory listings of the path entries plugins share, and the extension
module the process quota wraps. A fork server (``server``) and the setup-function worker
(``_ecosystem_worker/``, which loads this file by path) fork one process per plugin; in each, a
folder of N plugin modules listed again was O(N) per plugin, and ``_posixsubprocess`` a
``dlopen`` each.

Standard library only, no relative imports."""

from __future__ import annotations

import contextlib
import importlib
import sys
from importlib.machinery import PathFinder  # bound: worker_only drops the submodule


def warm(entries: list[str]) -> list[str]:
    """Fill the import system's directory caches for ``entries`` and return those newly cached.
    An entry with no folder (yet) keeps no finder: each child looks again, as before. Locating
    a name imports nothing, so no plugin's code runs here; a child sees a folder that changed
    since (its modification time) listed again."""
    cached = set(sys.path_importer_cache)
    for entry in entries:
        with contextlib.suppress(Exception):
            PathFinder.find_spec("__plugcheck_warm__", [entry])
    warmed = [p for p in list(sys.path_importer_cache) if p not in cached]
    for entry in warmed:
        if sys.path_importer_cache[entry] is None:
            del sys.path_importer_cache[entry]
    return [p for p in warmed if p in sys.path_importer_cache]


def load_fork_exec() -> None:
    """Each plugin's process wraps ``_posixsubprocess.fork_exec`` before its plugin runs
    (``quota.audit_fork_exec``): the extension module is loaded here once."""
    with contextlib.suppress(ImportError):
        importlib.import_module("_posixsubprocess")
