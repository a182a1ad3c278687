"""What an attribute lookup on a class gives through its metaclass's ``__getattr__``.

``_Hooks.render`` where ``_Hooks`` has no ``render`` and its metaclass (a class of the module)
defines ``__getattr__(cls, name)``: Python calls that with ``"render"``. Read the way a PEP 562
module ``__getattr__`` is (``getattr_paths.served_expression``: tests of the name against literals,
``return`` of an expression, ``raise``); anything else, nothing.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from plugcheck.static.bindings import Binding, ClassValue
from plugcheck.static.getattr_paths import RAISES, served_expression

if TYPE_CHECKING:
    from plugcheck.static.namespaces import Namespaces


def metaclass_served(
    ns: Namespaces, cls: ClassValue, attr: str, names: dict[str, Binding]
) -> Binding | None:
    """What ``cls.<attr>`` gives through the metaclass's ``__getattr__``, when source tells."""
    meta = next((k.value for k in cls.node.keywords if k.arg == "metaclass"), None)
    if not isinstance(meta, ast.Name) or attr.startswith("__"):
        return None
    scope = names if names.get(cls.node.name) is cls else ns.module(cls.module)
    found = scope.get(meta.id)
    if not isinstance(found, ClassValue) or found.module.path != cls.module.path:
        return None
    getters = [
        s for s in found.node.body if isinstance(s, ast.FunctionDef) and s.name == "__getattr__"
    ]
    params = [a.arg for a in getters[-1].args.args] if getters else []
    if len(params) != 2 or getters[-1].decorator_list:
        return None
    served = served_expression(getters[-1].body, params[1], attr)
    if served is None or served is RAISES:
        return None
    return ns.value(cls.module, served, scope)
