"""A plugin folder joins its package's ``__path__``, as a host with plugin folders does.

beets imports a plugin of a ``pluginpath`` folder as ``beetsplug.<name>`` after it prepends the
folder to ``beetsplug.__path__``: the installed ``beetsplug`` package, imported with the host
before any plugin, would not find it otherwise. The harness's child (isolate.py) and the
setup-function worker (``_ecosystem_worker/``, which loads this file by path) do the same for a
plugin imported under a dotted name. Both run in the target interpreter, so: standard library
only, no relative imports.
"""

from __future__ import annotations

import importlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def join_package_path(module: str, roots: Sequence[str], dirs: Sequence[str] = ()) -> None:
    """When ``module``'s package is already imported, put each ``root/<package path>`` folder
    that exists and is not yet in the package's ``__path__`` in front of it.

    ``dirs`` are folders the host adds to the package's ``__path__`` whatever their name (beets'
    ``pluginpath``): the host imports the package first, so it is imported here when it is not
    yet (when that fails, the plugin's own import fails the same way and reports it)."""
    package = module.rpartition(".")[0]
    if dirs and package and package not in sys.modules:
        try:
            importlib.import_module(package)
        except Exception:  # the plugin's own import reports it, in its step
            return
    # beets also appends each folder to `sys.path` ("for backwards compatibility"): after the
    # standard library, so a `random.py` there shadows nothing, but `import helpers` finds its
    # sibling `helpers.py`.
    sys.path.extend(d for d in dirs if d not in sys.path)
    imported = sys.modules.get(package) if package else None
    path = getattr(imported, "__path__", None)
    if path is None:
        return
    known = {os.path.realpath(p) for p in path}
    folders = [*dirs, *(os.path.join(root, *package.split(".")) for root in roots)]
    new = [f for f in folders if os.path.isdir(f) and os.path.realpath(f) not in known]
    if new:
        imported.__path__ = [*new, *path]  # type: ignore[union-attr]
