"""Small readings of host syntax: dotted names, string constants, literal collections."""

from __future__ import annotations

import ast

from plugcheck.scaffold.constants import string_of
from plugcheck.scaffold.model import Alias


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        return dotted(node.value)
    return ""


def is_named(node: ast.expr, name: str) -> bool:
    spelled = dotted(node)
    return spelled == name or spelled.endswith("." + name)


_LOADING = {
    "importlib": {"import_module"},
    "importlib.metadata": {"entry_points"},
    "importlib_metadata": {"entry_points"},
    "pkg_resources": {"iter_entry_points"},
}
"""The loading functions init reads by name, and the modules they come from."""


def unalias(tree: ast.Module) -> None:
    """Reads ``from importlib.metadata import entry_points as eps`` (``import_module as load``)
    as the name it imports: every ``eps`` in ``tree`` is renamed ``entry_points``, so init's
    readings, which go by the function's name, see the host's ``eps(group=...)``."""
    renamed = {
        alias.asname: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and not node.level
        for alias in node.names
        if alias.asname and alias.name in _LOADING.get(node.module or "", ())
    }
    if not renamed:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in renamed:
            node.id = renamed[node.id]


def callable_alias(module: str, name: str, value: ast.expr) -> Alias | None:
    if not (isinstance(value, ast.Subscript) and is_named(value.value, "Callable")):
        return None
    sub = value.slice
    if not (isinstance(sub, ast.Tuple) and len(sub.elts) == 2):
        return None
    params_node, returns = sub.elts
    if isinstance(params_node, ast.List):
        params = tuple(ast.unparse(p) for p in params_node.elts)
    else:  # Callable[..., R]
        params = ("...",)
    return Alias(module, name, params, ast.unparse(returns))


def string_value(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    return string_of(node, constants)


def call_args(call: ast.Call) -> list[str]:
    return [a.id if isinstance(a, ast.Name) else "?" for a in call.args]
