"""Groups whose entry points the host never loads but imports by their value, through the same
module's import by name (xonsh's ``xonsh.xontribs``: ``entry.value`` is handed to
``xontribs_load``, which imports it and calls ``_load_xontrib_``): one loading path, so one
contract."""

from __future__ import annotations

import ast

from plugcheck.static.syntax import walked

_VALUES = frozenset({"value", "module"})


def imported_by_value(tree: ast.Module) -> int | None:
    """Where a module reads the value of the entry points it iterates (``for entry in eps:
    ... entry.value``) and never loads one (no ``ep.load()``, no ``ep.load`` handed on): the
    line of the first such read, else ``None``."""
    looped: set[str] = set()
    read: int | None = None
    for node in walked(tree):
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            looped.update(n.id for n in walked(node.target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.Attribute) and node.attr == "load":
            return None
    for node in walked(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in _VALUES
            and isinstance(node.value, ast.Name)
            and node.value.id in looped
            and isinstance(node.ctx, ast.Load)
        ):
            read = node.lineno if read is None else min(read, node.lineno)
    return read
