"""A ``TypedDict`` class statement with a base that is no TypedDict, for PC515
(``rules.class_creation``): ``TypeError: cannot inherit from both a TypedDict type and a
non-TypedDict base class`` at the class statement. Only ``typing.Generic`` (``Generic[T]``) may
stand beside the TypedDict bases.

Judged where every base is known: ``TypedDict`` itself (typing's or typing_extensions'), a class
statement of the plugin's, or a class another module defines with a ``class`` statement.
"""

from __future__ import annotations

import ast

from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import ClassValue
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo

_TYPING = ("typing", "typing_extensions")
_TYPED_DICT = frozenset(f"{m}.TypedDict" for m in _TYPING)
_GENERIC = frozenset(f"{m}.Generic" for m in _TYPING)


def typed_dict_refusal(ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef) -> str | None:
    kinds = [_kind(ns, info, base, 0) for base in stmt.bases]
    if "typed" not in kinds or "unknown" in kinds or "other" not in kinds:
        return None
    other = next(b for b, k in zip(stmt.bases, kinds, strict=True) if k == "other")
    return (
        f"it names TypedDict bases beside {ast.unparse(other)[:40]}, which is no TypedDict: "
        "TypeError (cannot inherit from both a TypedDict type and a non-TypedDict base class)"
    )


def _kind(ns: Namespaces, info: ModuleInfo, base: ast.expr, depth: int) -> str:
    """``typed`` (TypedDict or a TypedDict class), ``generic``, ``other`` (a class statement
    that makes no TypedDict) or ``unknown``."""
    head = base.value if isinstance(base, ast.Subscript) else base
    found = ns.value(info, head, ns.module(info))
    origin = origin_of(found, "")
    if origin in _TYPED_DICT:
        return "typed"
    if origin in _GENERIC:
        return "generic"
    if not isinstance(found, ClassValue) or depth > 8:
        return "unknown"
    node = found.node
    if node.keywords and any(k.arg == "metaclass" for k in node.keywords):
        return "unknown"
    inner = [_kind(ns, found.module, b, depth + 1) for b in node.bases]
    if "unknown" in inner:
        return "unknown"
    return "typed" if "typed" in inner else "other"
