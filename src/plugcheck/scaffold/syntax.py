"""Small readings of host syntax: dotted names, string constants, literal collections."""

from __future__ import annotations

import ast

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


def module_constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = value.value
    return found


def string_value(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def string_list(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Call) and len(node.args) == 1:  # frozenset((...)), set([...])
        node = node.args[0]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if values and all(isinstance(v, str) for v in values):
            return [str(v) for v in values]
    return []


def string_collections(tree: ast.Module) -> dict[str, list[str]]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            values = string_list(node.value)
            for target in targets:
                if values and isinstance(target, ast.Name):
                    found[target.id] = values
    return found


def call_args(call: ast.Call) -> list[str]:
    return [a.id if isinstance(a, ast.Name) else "?" for a in call.args]
