"""Import-time side effects a library's own import makes (``import git``: GitPython's refresh()
runs ``git version``): the same in every program that imports the library, not the plugin's
code (PC411 information)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from plugcheck import untrusted
from plugcheck.harness.results import Frame
from plugcheck.model import Plugin


def import_time_library(frames: Sequence[Frame | None], plugin: Plugin) -> str | None:
    """The library whose import made every one of these events: each event's plugin frame is
    one statement, ``import lib`` or ``from lib import x``, of a module that is neither the
    plugin's own (relative, its top package, a file under its root) nor unknown. The frame
    may be in the package above a plugin module (``trio_typing/__init__.py``'s ``import trio``
    for the plugin ``trio_typing.plugin``): importing the module runs its package first.
    ``None`` when any event happened elsewhere."""
    names: set[str] = set()
    own = plugin.module.partition(".")[0]
    # Resolved, as the frames' paths are: a plugin named by a relative path has relative roots.
    roots = [r.resolve() for r in plugin.code_roots]
    for found in frames:
        if found is None:
            return None
        path = found.path.resolve()
        if not any(path == root or root in path.parents for root in roots):
            return None
        try:
            # The frame's line as Python counts it: str.splitlines() also ends one at a form
            # feed in a comment, and read the `import subprocess` above a plugin's own
            # subprocess.run() as its line (PC411 information, exit 0; red team red56).
            text = found.path.read_text(encoding="utf-8")
            line = untrusted.source_lines(text)[found.line - 1]
            node = untrusted.parse(line.strip()).body[0]
        except (OSError, IndexError, SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            modules = [node.module]
        else:
            return None
        if any(m.partition(".")[0] == own for m in modules):
            return None
        names.update(modules)
    return ", ".join(sorted(names)) or None
