"""Classes an ABC registers as virtual subclasses: ``@Base.register`` on the class statement, or
``Base.register(Cls)`` in its module. ``issubclass()`` accepts them whatever their bases say,
and mypy does not know it: a check of such a class against the ABC is the dynamic pass's."""

from __future__ import annotations

import ast

from plugcheck.static.parse import ModuleInfo, dotted_name


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
