"""Modules the fork server imported for itself that a host would not have: removed before the
host's preloads run, so the plugin meets the host's ``sys.modules`` (red team findings 3, 3b).

``import importlib`` then ``importlib.util.find_spec(...)`` works only where something imported
``importlib.util`` first: the worker's own loader did, a plain host (``python -I host.py``,
plugins by ``import_module``) does not. The submodule is dropped from ``sys.modules`` and from
its package's attributes unless the interpreter's start-up had it (``site``, a ``.pth`` file);
the host's preloads then import it again if the host does. ``importlib.machinery`` likewise
(``inspect`` imports it: a plain host that never imported ``inspect`` has no
``importlib.machinery``). The standard-library modules that import them or read them as an
attribute when called (``pkgutil.find_loader``, ``inspect.getsourcefile``) go too, when the
start-up did not load them: a plugin importing them loads them afresh, and with them the
submodules, as in the host. The harness's own references to a dropped module keep working: its
``importlib`` becomes a private view of the package that still has the submodules. Standard
library only, no relative imports.
"""

from __future__ import annotations

import sys

SUBMODULES = ("importlib.util", "importlib.machinery")
"""Package submodules the worker loads for itself (``__main__``'s loader, ``inspect``)."""
READERS = (
    "pkgutil",
    "runpy",
    "zipfile",
    "py_compile",
    "compileall",
    "pyclbr",
    "pydoc",
    "inspect",
    "modulefinder",
    "imp",
)
"""Standard-library modules that import those submodules or read them as an attribute when
called (a plugin's ``import inspect`` loads ``importlib.machinery`` in the host)."""


def hide(startup: frozenset[str] | None) -> list[str]:
    """Drop the worker-only modules (``startup``: ``sys.modules`` when the interpreter started;
    ``None``: not known, nothing is dropped). The names dropped."""
    if startup is None:
        return []
    dropped = []
    package = sys.modules.get("importlib")
    view = type(sys)("importlib")  # the package as the harness's own readers saw it
    if package is not None:
        vars(view).update(vars(package))
    readers = []
    for name in (*SUBMODULES, *READERS):
        if name in startup or name not in sys.modules:
            continue
        module = sys.modules.pop(name)
        dropped.append(name)
        if name in READERS:
            readers.append(module)
        parent, _, child = name.rpartition(".")
        owner = sys.modules.get(parent) if parent else None
        if owner is not None and getattr(owner, child, None) is module:
            delattr(owner, child)
    for module in readers:  # the harness's inspect.getsourcefile reads importlib.machinery
        if package is not None and vars(module).get("importlib") is package:
            vars(module)["importlib"] = view
    return dropped
