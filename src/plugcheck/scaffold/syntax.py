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
