"""The distribution name a host derives from an entry-point name and requires (Lektor 3.3's
``"lektor-" + ep.name.lower() != ep.dist.project_name.lower()``): ``distribution-name``."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.static.syntax import walked

_DISTRIBUTION_NAMES = {"project_name", "dist_name"}
"""Attributes that spell a distribution's name (pkg_resources' ``project_name``)."""


def _entry_point_name(node: ast.expr) -> bool:
    """``ep.name`` or ``ep.name.lower()``."""
    if (
        isinstance(node, ast.Call)
        and not node.args
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("lower", "casefold")
    ):
        node = node.func.value
    return isinstance(node, ast.Attribute) and node.attr == "name"


def _template(node: ast.expr) -> str | None:
    """``"lektor-" + ep.name`` (or an f-string of the same) as ``lektor-{name}``."""
    parts: list[ast.expr] = []
    if isinstance(node, ast.JoinedStr):
        parts = list(node.values)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [node.left, node.right]
        while isinstance(parts[0], ast.BinOp) and isinstance(parts[0].op, ast.Add):
            parts[:1] = [parts[0].left, parts[0].right]
    out, named = "", 0
    for part in parts:
        value = part.value if isinstance(part, ast.FormattedValue) else part
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            if "{" in value.value or "}" in value.value:
                return None
            out += value.value
        elif _entry_point_name(value):
            out, named = out + "{name}", named + 1
        else:
            return None
    return out if named == 1 and out != "{name}" else None


def _is_distribution_name(node: ast.expr) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in _DISTRIBUTION_NAMES for n in walked(node))


def names_distributions(tree: ast.Module) -> bool:
    """Whether the module reads a distribution's name at all (most do not: no function of
    theirs is read for a comparison)."""
    return any(isinstance(n, ast.Attribute) and n.attr in _DISTRIBUTION_NAMES for n in walked(tree))


def _compared(node: ast.Compare) -> Iterator[tuple[ast.expr, ast.expr]]:
    if len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq | ast.NotEq):
        yield node.left, node.comparators[0]
        yield node.comparators[0], node.left


def _value(node: ast.expr, names: dict[str, ast.expr]) -> ast.expr:
    return names.get(node.id, node) if isinstance(node, ast.Name) else node


def distribution_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[str, int]]:
    """Each template the function compares with a distribution's name, and the line."""
    names = {
        target.id: n.value
        for n in walked(fn)
        if isinstance(n, ast.Assign) and len(n.targets) == 1
        for target in n.targets
        if isinstance(target, ast.Name)
    }
    for node in walked(fn):
        if not isinstance(node, ast.Compare):
            continue
        for one, other in _compared(node):
            template = _template(_value(one, names))
            if template is not None and _is_distribution_name(other):
                yield template, node.lineno
                break
