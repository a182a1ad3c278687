"""What an installed host module's source says of one of its attributes: present (bound once
to a literal: its value), surely absent, or unsaid. Read for ``hasattr(host, "x")`` and
``getattr(host, "x", default)`` gates in a plugin's ``if`` tests."""

from __future__ import annotations

import ast
from collections import Counter

from plugcheck.static.branches import bound_names
from plugcheck.static.probed_values import HostAttribute
from plugcheck.static.self_binding import self_bound
from plugcheck.static.symbols import ModuleInfo

_MODULE_ATTRIBUTES = frozenset(
    {
        *dir(type(ast)),
        "__file__",
        "__path__",
        "__cached__",
        "__builtins__",
        "__spec__",
        "__loader__",
        "__package__",
        "__annotations__",
    }
)
"""What Python or the import system gives every module, or some, whatever its source says."""


def read_whole(source: ModuleInfo) -> bool:
    """Every binding of the module is a statement of its source: a ``.py`` file with no star
    import, no ``__getattr__``, no computed ``__all__``, nothing bound through ``globals()``
    or ``setattr``."""
    return (
        source.path.suffix == ".py"
        and not source.all_dynamic
        and not source.star_imports
        and "__getattr__" not in source.symbols
        and self_bound(source) == frozenset()
    )


def host_attribute(source: ModuleInfo, name: str, *, has_submodule: bool) -> HostAttribute | None:
    """What ``source`` says of its attribute ``name`` (``has_submodule``: the package has a
    submodule of that name, which any import of it binds), ``None`` when it does not say
    plainly: a module attribute, a name bound in a function (``global``) or deleted."""
    if name in _MODULE_ATTRIBUTES or not read_whole(source):
        return None
    unsaid, counts, at_top = source.derived("host-attributes", _bindings)
    if name in unsaid:
        return None
    count = counts[name]
    if count == 0:
        if name in source.symbols or has_submodule:
            return None
        return HostAttribute(present=False)
    bound_at_top = at_top.get(name, [])
    if not any(_unconditional(s) for s in bound_at_top):
        return None
    if count == 1 and len(bound_at_top) == 1:
        value: ast.expr | None
        match bound_at_top[0]:
            case (
                ast.Assign(targets=[ast.Name()], value=value)
                | ast.AnnAssign(target=ast.Name(), value=ast.expr() as value)
            ):
                pass
            case _:
                value = None
        if value is not None:
            try:
                return HostAttribute(present=True, value=(ast.literal_eval(value),))
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                pass
    return HostAttribute(present=True)


def _bindings(
    source: ModuleInfo,
) -> tuple[frozenset[str], Counter[str], dict[str, list[ast.stmt]]]:
    """(names bound in a function through ``global`` or deleted anywhere, how often the top
    level binds each name, the top-level statements binding each)."""
    tree = source.tree
    unsaid: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            unsaid.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del):
            unsaid.add(node.id)
    at_top: dict[str, list[ast.stmt]] = {}
    for stmt in tree.body:
        for bound in set(bound_names([stmt])):
            at_top.setdefault(bound, []).append(stmt)
    return frozenset(unsaid), Counter(bound_names(tree.body)), at_top


def _unconditional(stmt: ast.stmt) -> bool:
    """A top-level statement that binds every name it binds when the module runs."""
    return isinstance(
        stmt,
        ast.Assign
        | ast.AnnAssign
        | ast.FunctionDef
        | ast.AsyncFunctionDef
        | ast.ClassDef
        | ast.Import
        | ast.ImportFrom,
    ) and not (isinstance(stmt, ast.AnnAssign) and stmt.value is None)
