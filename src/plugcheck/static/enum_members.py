"""An ``enum.Enum`` class's members read from source: ``Hooks.ONLY`` is an instance of
``Hooks`` (its methods bound to it), not the value written in the class body."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import Binding, ClassValue, Foreign

if TYPE_CHECKING:
    from plugcheck.static.namespaces import Namespaces

ENUM_BASES = frozenset(
    {"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"}
)


def is_member(ns: Namespaces, cls: ClassValue, name: str, scope: dict[str, Binding]) -> bool:
    """Whether ``cls.name`` is a member of the enumeration ``cls``: a name its own body assigns
    a plain value (no function: a lambda is a method), not ``_sunder_`` or ``__dunder__``,
    nor listed in ``_ignore_``. ``scope``: the names of the module being read."""
    if (name.startswith("_") and name.endswith("_")) or name in _ignored(cls.node):
        return False
    assigned = any(
        name in _targets(stmt) and not isinstance(stmt.value, ast.Lambda)
        for stmt in cls.node.body
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None
    )
    return assigned and is_enum(ns, cls, scope)


def is_enum(ns: Namespaces, cls: ClassValue, scope: dict[str, Binding], depth: int = 0) -> bool:
    """Whether ``cls`` derives from one of ``enum``'s enumeration classes, through the
    plugin's own classes too."""
    names = ns.module(cls.module) or scope  # empty while the class's own module is read
    for base in cls.node.bases:
        found = ns.value(cls.module, base, names)
        if isinstance(found, Foreign) and origin_of(found, "") in ENUM_BASES:
            return True
        if isinstance(found, ClassValue) and depth < 10 and is_enum(ns, found, names, depth + 1):
            return True
    return False


def _targets(stmt: ast.Assign | ast.AnnAssign) -> set[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return {t.id for t in targets if isinstance(t, ast.Name)}


def _ignored(cls: ast.ClassDef) -> set[str]:
    """The names ``_ignore_ = ["a", "b"]`` (or ``"a b"``) keeps from becoming members."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and "_ignore_" in _targets(stmt):
            value = stmt.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return set(value.value.replace(",", " ").split())
            if isinstance(value, ast.List | ast.Tuple):
                return {
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
    return set()
