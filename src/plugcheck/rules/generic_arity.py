"""A class subscripted with another number of type arguments than its ``Generic[...]`` base
declares type variables: ``class P(Base[int, str])`` with ``class Base(Generic[T])``. typing
raises TypeError ("Too many arguments for ...") where the subscript runs, for PC515."""

from __future__ import annotations

import ast

from plugcheck.rules.class_hooks import class_node
from plugcheck.static.applied import imported_as
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name

_GENERIC = {"typing.Generic", "typing_extensions.Generic"}


def arity_mismatch(ns: Namespaces, info: ModuleInfo, subscript: ast.Subscript) -> str | None:
    """Why subscripting fails: the class ``subscript`` subscripts has one base, ``Generic``
    over type variables the module binds with ``TypeVar(...)`` (no ``ParamSpec`` or
    ``TypeVarTuple``, which take any number), and the subscript passes another number."""
    found = class_node(ns, info, subscript.value)
    if not isinstance(found, tuple):
        return None
    node, module = found
    if node.decorator_list or node.keywords or len(node.bases) != 1:
        return None
    (base,) = node.bases
    if not isinstance(base, ast.Subscript):
        return None
    spelled = dotted_name(base.value) or ""
    if imported_as(spelled, ns.module(module)) not in _GENERIC:
        return None
    params = _items(base.slice)
    if not params or not all(isinstance(p, ast.Name) and _type_var(module, p.id) for p in params):
        return None
    given = len(_items(subscript.slice))
    if given == len(params):
        return None
    many = "many" if given > len(params) else "few"
    return (
        f"{ast.unparse(subscript)[:40]} passes {given} type argument(s) to {node.name}, whose "
        f"Generic base declares {len(params)}: TypeError (Too {many} arguments for {node.name})"
    )


def _items(expr: ast.expr) -> list[ast.expr]:
    return list(expr.elts) if isinstance(expr, ast.Tuple) else [expr]


def _type_var(module: ModuleInfo, name: str) -> bool:
    """``name`` is bound once at the module's top level, by a call of ``TypeVar``."""
    if module.tree is None:
        return False
    bound = [
        stmt
        for stmt in module.tree.body
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    ]
    return (
        len(bound) == 1
        and isinstance(bound[0].value, ast.Call)
        and (dotted_name(bound[0].value.func) or "").rsplit(".", 1)[-1] == "TypeVar"
    )
