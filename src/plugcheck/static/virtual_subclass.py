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
from plugcheck.static.syntax import is_type_checking

Accept = Callable[[ModuleInfo, ast.expr], bool]
"""Whether the object a ``.register`` is read from (in that module) is the wanted ABC."""


def registered(module: ModuleInfo, node: ast.ClassDef, accept: Accept | None = None) -> bool:
    """Whether ``node`` (a class statement of ``module``) is registered with some ABC (one
    ``accept`` takes, when given)."""
    ok: Accept = accept or (lambda _module, _owner: True)
    if any(
        isinstance(d, ast.Attribute) and d.attr == "register" and ok(module, d.value)
        for d in node.decorator_list
    ):
        return True
    if module.tree is None:
        return False
    calls = [
        call
        for call in module.nodes(ast.Call)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr == "register"
        and ok(module, call.func.value)
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
    host: Resolved | None = None,
    depth: int = 0,
) -> bool:
    """Whether ``node`` is registered with the ABC ``host`` (or a class deriving from it; any
    ABC when ``host`` is not known), or derives from a class of the plugin's own (``mine``)
    that is: ``issubclass(B, Base)`` holds for ``class B(A)`` once ``Base.register(A)`` ran,
    whatever B's bases say to mypy. ``Sized.register(A)`` makes no ``Plugin``."""
    accept = None
    if host is not None:

        def accept(owner_module: ModuleInfo, owner: ast.expr) -> bool:
            dotted = dotted_name(owner)
            found = resolve_dotted(index, owner_module, dotted, roots) if dotted else None
            return isinstance(found, Resolved) and _derives(index, roots, found, host)

    if registered(module, node, accept):
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
            index, found.module, parent, roots, mine, host, depth + 1
        ):
            return True
    return False


def _derives(
    index: ModuleIndex, roots: Sequence[Path], found: Resolved, host: Resolved, depth: int = 0
) -> bool:
    """Whether the class ``found`` is ``host`` or derives from it, through bases source shows."""
    if (found.module.path, found.symbol.line) == (host.module.path, host.symbol.line):
        return True
    node = node_at(found.module, found.symbol.line)
    if depth > 10 or not isinstance(node, ast.ClassDef):
        return False
    for base in node.bases:
        dotted = dotted_name(base)
        parent = resolve_dotted(index, found.module, dotted, roots) if dotted else None
        if isinstance(parent, Resolved) and _derives(index, roots, parent, host, depth + 1):
            return True
    return False


def _type_checking_only(module: ModuleInfo) -> set[int]:
    """The ids of the calls inside an ``if TYPE_CHECKING:`` body (never run)."""
    return {
        id(inner)
        for branch in module.nodes(ast.If)
        if is_type_checking(branch.test)
        for stmt in branch.body
        for inner in ast.walk(stmt)
        if isinstance(inner, ast.Call)
    }
