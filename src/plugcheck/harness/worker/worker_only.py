"""Modules the fork server imported for itself that a host would not have: removed before the
host's preloads run, so the plugin meets the host's ``sys.modules`` (red team findings 3, 3b).

``import importlib`` then ``importlib.util.find_spec(...)`` works only where something imported
``importlib.util`` first: the worker's own loader did, a plain host (``python -I host.py``,
plugins by ``import_module``) does not. The submodule is dropped from ``sys.modules`` and from
its package's attributes unless the interpreter's start-up had it (``site``, a ``.pth`` file);
the host's preloads then import it again if the host does. The standard-library modules that
read ``importlib.util`` as an attribute when called (``pkgutil.find_loader``) go too, when the
start-up did not load them: a plugin importing them loads them afresh, and with them
``importlib.util``, as in the host. Standard library only, no relative imports.
"""

from __future__ import annotations

import sys

SUBMODULES = ("importlib.util",)
"""Package submodules the worker loads for itself (``__main__``'s loader)."""
READERS = ("pkgutil", "runpy", "zipfile", "py_compile", "compileall", "pyclbr", "pydoc")
"""Standard-library modules that read ``importlib.util`` as an attribute when called."""


def hide(startup: frozenset[str] | None) -> list[str]:
    """Drop the worker-only modules (``startup``: ``sys.modules`` when the interpreter started;
    ``None``: not known, nothing is dropped). The names dropped."""
    if startup is None:
        return []
    dropped = []
    for name in (*SUBMODULES, *READERS):
        if name in startup or name not in sys.modules:
            continue
        module = sys.modules.pop(name)
        dropped.append(name)
        parent, _, child = name.rpartition(".")
        owner = sys.modules.get(parent) if parent else None
        if owner is not None and getattr(owner, child, None) is module:
            delattr(owner, child)
    return dropped
