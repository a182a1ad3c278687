"""PC515 for a top-level use of the module's own ``typing.Protocol`` class that always raises:
``_Renderer()`` (TypeError: Protocols cannot be instantiated), and ``isinstance(x,
_Renderer)`` or ``issubclass`` where the protocol is not decorated ``@runtime_checkable``
(TypeError: Instance and class checks can only be used with @runtime_checkable protocols).

A protocol class is the module's class statement, bound once, without keywords, one of whose
bases names ``typing.Protocol`` or ``typing_extensions.Protocol`` (plain or subscripted)
through the module's imports; a subclass that does not list ``Protocol`` again is an ordinary
class. Judged only for an undecorated one (any decorator may replace the class;
``runtime_checkable`` is a decorator), and, for the call, one whose body binds no
``__init__`` or ``__new__``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from plugcheck.rules.abstract_calls import certain_calls, named

if TYPE_CHECKING:
    from plugcheck.rules.class_literals import Facts

PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
CHECKS = ("isinstance", "issubclass")


def protocol_use(facts: Facts, value: ast.expr) -> str | None:
    """Why evaluating the top-level ``value`` raises: it calls one of the module's protocol
    classes, or checks against one that is not runtime-checkable (``None``: not known to)."""
    for call in certain_calls(value):
        func = call.func
        if not isinstance(func, ast.Name):
            continue
        cls = _protocol(facts, func.id)
        if cls is not None and not any(
            isinstance(s, ast.FunctionDef) and s.name in ("__init__", "__new__") for s in cls.body
        ):
            return f"`{ast.unparse(call)[:60]}` raises TypeError(Protocols cannot be instantiated)"
        if func.id in CHECKS and facts.unbound(func.id) and len(call.args) == 2:
            against = call.args[1]
            options = against.elts if isinstance(against, ast.Tuple) else [against]
            for option in options:
                if isinstance(option, ast.Name) and _protocol(facts, option.id) is not None:
                    return (
                        f"`{ast.unparse(call)[:60]}` raises TypeError(Instance and class checks "
                        f"can only be used with @runtime_checkable protocols): {option.id} is "
                        "not decorated @runtime_checkable"
                    )
    return None


def _protocol(facts: Facts, name: str) -> ast.ClassDef | None:
    """The module's undecorated protocol class statement ``name`` binds, if it is one."""
    cls = facts.defined.get(name)
    if cls is None or cls.decorator_list or cls.keywords:
        return None
    for base in cls.bases:
        plain = base.value if isinstance(base, ast.Subscript) else base
        if named(facts, plain) in PROTOCOLS:
            return cls
    return None
