"""``new = TABLE["key"]``: the entry of a module-level dict literal the factory is looked up in,
or PC515 when the key is missing (the import itself raises KeyError)."""

from __future__ import annotations

import ast

from plugcheck.model import Finding, Location
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.reached import Reader
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import target_names


def lookup(reader: Reader, value: ast.expr, info: ModuleInfo) -> ast.expr | Finding | None:
    """``TABLE["key"]`` where the module binds ``TABLE`` once, at its top level, to a dict
    literal with constant keys: the entry's expression, or PC515 when the key is missing."""
    if not (
        isinstance(value, ast.Subscript)
        and isinstance(value.value, ast.Name)
        and isinstance(value.slice, ast.Constant)
        and info.tree is not None
    ):
        return None
    name = value.value.id
    bindings = [
        s
        for s in ast.walk(info.tree)
        if isinstance(s, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.Delete)
        and name in {n for t in _targets(s) for n in target_names(t)}
    ]
    only = bindings[0] if len(bindings) == 1 else None
    table = only.value if isinstance(only, ast.Assign) else None
    if not (
        isinstance(table, ast.Dict)
        and only in info.tree.body
        and all(isinstance(k, ast.Constant) for k in table.keys)
    ):
        return None
    found = None
    for key, entry in zip(table.keys, table.values, strict=True):
        if isinstance(key, ast.Constant) and key.value == value.slice.value:
            found = entry
    if found is not None:
        return found
    return PC515.at(
        reader.plugin,
        Location(info.path, value.lineno, value.col_offset + 1),
        f"`{ast.unparse(value)[:60]}` raises KeyError: {name} has no key "
        f"{value.slice.value!r}; it runs whenever the host imports the plugin, so the import "
        "always fails",
        fix=f"use one of {name}'s keys: {', '.join(repr(k.value) for k in table.keys)}"[:200],  # type: ignore[union-attr]
    )


def _targets(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.Assign):
        return stmt.targets
    if isinstance(stmt, ast.Delete):
        return stmt.targets
    return [stmt.target]  # type: ignore[attr-defined]  # AnnAssign, AugAssign
