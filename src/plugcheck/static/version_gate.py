"""Whether an ``if`` test reads the version of something installed (``pluggy.__version__``,
``importlib.metadata.version("pluggy")``, ``host.VERSION``), directly or through module
constants bound once from such a read. Such a test has one value in the target environment
even where plugcheck does not compute it: its other branch is another version of the host, not
an alternative of this one (``Namespaces`` reads both branches as alternatives only for tests
that are not version gates)."""

from __future__ import annotations

import ast

from plugcheck.static.parse import ModuleInfo, dotted_name

_VERSION_ATTRIBUTES = frozenset({"__version__", "VERSION", "__version_info__", "version_info"})
_VERSION_READERS = frozenset({"version", "metadata.version", "importlib.metadata.version"})


def version_gate(test: ast.expr, info: ModuleInfo) -> bool:
    """``test`` reads a version, itself or through the module's constants (up to 3 deep)."""
    constants = _constants(info)
    todo: list[ast.expr] = [test]
    seen: set[str] = set()
    while todo and len(seen) < 8:
        expr = todo.pop()
        for node in ast.walk(expr):
            if isinstance(node, ast.Attribute) and node.attr in _VERSION_ATTRIBUTES:
                return True
            if isinstance(node, ast.Call) and dotted_name(node.func) in _VERSION_READERS:
                return True
            if isinstance(node, ast.Name) and node.id in _VERSION_ATTRIBUTES:
                return True  # from pluggy import __version__
            if isinstance(node, ast.Name) and node.id in constants and node.id not in seen:
                seen.add(node.id)
                todo.append(constants[node.id])
    return False


def _constants(info: ModuleInfo) -> dict[str, ast.expr]:
    """Names the module's top level binds once, by a plain assignment: their values."""
    tree = info.tree
    if tree is None:
        return {}
    found: dict[str, ast.expr] = {}
    twice: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                if target.id in found:
                    twice.add(target.id)
                found[target.id] = stmt.value
    return {k: v for k, v in found.items() if k not in twice}
