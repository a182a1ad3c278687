"""Classes an ABC registers as virtual subclasses: ``@Base.register`` on the class statement, or
``Base.register(Cls)`` in its module. ``issubclass()`` accepts them whatever their bases say,
and mypy does not know it: a check of such a class against the ABC is the dynamic pass's."""

from __future__ import annotations

import ast

from plugcheck.static.parse import ModuleInfo


def registered(module: ModuleInfo, node: ast.ClassDef) -> bool:
    """Whether ``node`` (a class statement of ``module``) is registered with some ABC."""
    if any(isinstance(d, ast.Attribute) and d.attr == "register" for d in node.decorator_list):
        return True
    return module.tree is not None and any(
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "register"
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == node.name
        for call in module.nodes(ast.Call)
    )
