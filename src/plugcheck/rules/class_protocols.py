"""What Python requires of the objects a ``class`` statement hands its work to, for PC515
(``rules.class_creation``): a base that is not a class answers ``__mro_entries__`` with a
tuple of bases (``TypeError: __mro_entries__ must return a tuple``), and the metaclass's
``__prepare__`` returns a mapping for the body (``TypeError: Meta.__prepare__() must return a
mapping, not NoneType``).

Judged only for the plugin's own code, where the method's first statement returns a literal
(``None``, a number or string, a list, a set) or a class: what every call gives back; a name or
call may hold anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.model import Location
from plugcheck.rules.class_hooks import method
from plugcheck.static.bindings import ClassValue, Foreign, Instance
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo

Refusal = tuple[str, Location | None]
"""Why, and where Python's traceback points: the class statement (``None``), since the
method returned and ``type`` refused the value."""

_NOT_A_MAPPING = (ast.Constant, ast.List, ast.Set, ast.Tuple, ast.JoinedStr)
_NOT_A_TUPLE = (ast.Constant, ast.List, ast.Set, ast.Dict, ast.JoinedStr)


def entries_refusal(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, own: set[Path]
) -> Refusal | None:
    """A base made by calling the plugin's class whose ``__mro_entries__`` returns no tuple."""
    scope = ns.module(info)
    for base in stmt.bases:
        made = ns.value(info, base, scope) if isinstance(base, ast.Call) else None
        if not isinstance(made, Instance) or made.cls.module.path.resolve() not in own:
            continue
        returned = _returned(method(made.cls.node, "__mro_entries__"))
        if returned is None:
            continue
        if isinstance(returned, _NOT_A_TUPLE) or _is_class(ns, made.cls.module, returned):
            return (
                f"its base {ast.unparse(base)[:40]} is no class, and its "
                f"{made.cls.node.name}.__mro_entries__() returns {ast.unparse(returned)[:40]}: "
                "TypeError (__mro_entries__ must return a tuple)",
                None,
            )
    return None


def prepare_refusal(meta: ClassValue) -> Refusal | None:
    """The plugin's metaclass whose ``__prepare__`` returns no mapping."""
    returned = _returned(method(meta.node, "__prepare__"))
    if returned is None or not isinstance(returned, _NOT_A_MAPPING):
        return None
    kind = type(returned.value).__name__ if isinstance(returned, ast.Constant) else "a literal"
    return (
        f"its metaclass's {meta.node.name}.__prepare__() returns {ast.unparse(returned)[:40]}: "
        f"TypeError ({meta.node.name}.__prepare__() must return a mapping, not {kind})",
        None,
    )


def _returned(fn: ast.FunctionDef | None) -> ast.expr | None:
    """The value the function's first statement returns, when that is a ``return``."""
    if fn is None or not fn.body:
        return None
    first = fn.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and len(fn.body) > 1:
        first = fn.body[1]  # past a docstring
    return first.value if isinstance(first, ast.Return) and first.value is not None else None


def _is_class(ns: Namespaces, module: ModuleInfo, value: ast.expr) -> bool:
    """``value`` names a class: the plugin's own, or one an imported module (the host's API)
    defines with a top-level ``class`` statement and binds no other way."""
    if not isinstance(value, ast.Name):
        return False
    found = ns.value(module, value, ns.module(module))
    if isinstance(found, ClassValue):
        return True
    if not isinstance(found, Foreign) or found.module_name() is None:
        return False
    path = ns.index.find_module(str(found.module_name()), ns.roots)
    info = ns.index.info(path) if path else None
    if info is None or info.tree is None:
        return False
    classes = [s for s in info.tree.body if isinstance(s, ast.ClassDef) and s.name == found.name]
    return len(classes) == 1 and found.name not in info.redefined
