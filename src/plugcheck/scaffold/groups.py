"""The entry-point groups a host asks for: ``entry_points(group=...)`` and its spellings."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.scaffold.syntax import is_named, string_collections, string_list, string_value


def entry_point_group(call: ast.Call, constants: dict[str, str]) -> str | None:
    """The group of ``entry_points(group=G)``, ``eps.select(group=G)``, ``entry_points()[G]``."""
    func = call.func
    if is_named(func, "load_setuptools_entrypoints"):  # pluggy's PluginManager
        if call.args:
            return string_value(call.args[0], constants)
        return next(
            (string_value(k.value, constants) for k in call.keywords if k.arg == "group"), None
        )
    value = group_argument(call)
    if value is not None:
        return string_value(value, constants)
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and isinstance(func.value, ast.Call)
        and is_named(func.value.func, "entry_points")
        and call.args
    ):
        return string_value(call.args[0], constants)
    return None


def group_argument(call: ast.Call) -> ast.expr | None:
    """The ``group=`` argument of ``entry_points(...)`` or ``eps.select(...)``."""
    func = call.func
    if is_named(func, "entry_points") or (
        isinstance(func, ast.Attribute) and func.attr == "select"
    ):
        return next((k.value for k in call.keywords if k.arg == "group"), None)
    return None


def forwarded_groups(tree: ast.Module, constants: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``def iter_entry_points(group_name): ...select(group=group_name)`` called with constants."""
    forwarding: dict[str, int] = {}
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and entry_point_group(node, constants) is None:
                value = group_argument(node)
                if isinstance(value, ast.Name) and value.id in params:
                    forwarding[fn.name] = params.index(value.id)
    if not forwarding:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            index = forwarding.get(node.func.id)
            if index is not None and index < len(node.args):
                group = string_value(node.args[index], constants)
                if group is not None:
                    yield group, node.lineno


def group_filters(tree: ast.Module, constants: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``ep.group == "x"`` and ``ep.group in GROUPS`` (GROUPS a module-level set of strings)."""
    collections = string_collections(tree)
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Attribute)
            and node.left.attr == "group"
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq | ast.In)
        ):
            continue
        right = node.comparators[0]
        if isinstance(node.ops[0], ast.Eq):
            group = string_value(right, constants)
            values = [group] if group else []
        elif isinstance(right, ast.Name):
            values = collections.get(right.id, [])
        else:
            values = string_list(right)
        for value in values:
            yield value, node.lineno
