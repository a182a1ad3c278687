"""Classes an ABC registers as virtual subclasses: ``@Base.register`` on the class statement, or
``Base.register(Cls)`` in its module. ``issubclass()`` accepts them whatever their bases say,
and mypy does not know it: a check of such a class against the ABC is the dynamic pass's, and
the plugin's own subclasses of such a class are virtual subclasses as well."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted


def registered(module: ModuleInfo, node: ast.ClassDef) -> bool:
    """Whether ``node`` (a class statement of ``module``) is registered with some ABC."""
    if any(isinstance(d, ast.Attribute) and d.attr == "register" for d in node.decorator_list):
        return True
    if module.tree is None:
        return False
    calls = [
        call
        for call in module.nodes(ast.Call)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr == "register"
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == node.name
    ]
    if not calls:
        return False
    unrun = _type_checking_only(module)  # `if TYPE_CHECKING: Base.register(Cls)` never runs
    return any(id(call) not in unrun for call in calls)


def virtual(
    index: ModuleIndex,
    module: ModuleInfo,
    node: ast.ClassDef,
    roots: Sequence[Path],
    mine: Callable[[ModuleInfo], bool],
    depth: int = 0,
) -> bool:
    """Whether ``node`` is registered with some ABC, or derives from a class of the plugin's own
    (``mine``) that is: ``issubclass(B, Base)`` holds for ``class B(A)`` once ``Base.register(A)``
    ran, whatever B's bases say to mypy."""
    if registered(module, node):
        return True
    if depth > 10:
        return False
    for base in node.bases:
        dotted = dotted_name(base)
        found = resolve_dotted(index, module, dotted, roots) if dotted else None
        if not (
            isinstance(found, Resolved)
            and found.symbol.kind is SymbolKind.CLASS
            and mine(found.module)
        ):
            continue
        parent = node_at(found.module, found.symbol.line)
        if isinstance(parent, ast.ClassDef) and virtual(
            index, found.module, parent, roots, mine, depth + 1
        ):
            return True
    return False


def _type_checking_only(module: ModuleInfo) -> set[int]:
    """The ids of the calls inside an ``if TYPE_CHECKING:`` body (never run)."""
    return {
        id(inner)
        for branch in module.nodes(ast.If)
        if (dotted_name(branch.test) or "").rpartition(".")[2] == "TYPE_CHECKING"
        for stmt in branch.body
        for inner in ast.walk(stmt)
        if isinstance(inner, ast.Call)
    }
