"""Which modules of the snapshot a step removed from or replaced in ``sys.modules`` (PC414),
leaving out those a library removed from its own tree on its first import."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_isinstance = isinstance


def _location(module: Any) -> str | None:
    """The real path of the file (or first package directory) a module was loaded from."""
    try:
        where = module.__dict__.get("__file__")
        if not _isinstance(where, str):
            path = module.__dict__.get("__path__")
            where = next(iter(path), None) if path is not None else None
        return os.path.realpath(where) if _isinstance(where, str) else None
    except BaseException:  # a hostile module object: it counts as removed by the plugin
        return None


def _new_package_dirs(snapshot: dict[str, Any], own: str) -> list[str]:
    """Directories of the top-level packages first imported since the snapshot, the plugin's
    own excepted."""
    dirs = []
    for name, module in list(sys.modules.items()):
        if "." in name or name in snapshot or name == own:
            continue
        where = _location(module)
        if where is not None and os.path.basename(where) == "__init__.py":
            dirs.append(os.path.dirname(where) + os.sep)
    return dirs


def gone_modules(snapshot: dict[str, Any], own: str) -> list[str]:
    """Names of ``snapshot`` no longer in ``sys.modules`` as they were, sorted.

    A module whose file lies inside a package first imported during the step (other than the
    plugin's own top-level package ``own``), removed or replaced by one from that package too,
    is that package managing its own tree: setuptools' ``__init__`` pops the ``backports``
    namespace pkg_resources imported from setuptools/_vendor (and imports it again from there),
    so a plugin importing ``distutils`` (setuptools' shim) changes it, as it does in the host.
    Nothing outside that package's directory is excused.
    """
    gone = [k for k, v in snapshot.items() if k not in sys.modules or sys.modules[k] is not v]
    if not gone:
        return gone
    dirs = tuple(_new_package_dirs(snapshot, own))

    def inside(module: Any) -> bool:
        where = _location(module)
        return where is not None and where.startswith(dirs)

    return sorted(
        k
        for k in gone
        if not (dirs and inside(snapshot[k]) and (k not in sys.modules or inside(sys.modules[k])))
    )
