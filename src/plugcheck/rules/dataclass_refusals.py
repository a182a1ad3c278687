"""Class statements whose class decorator refuses them, read from source for PC515: a
``@dataclass`` whose ``__init__`` would put a field without a default after one with a default
(its own fields after those of the plugin's own dataclass bases), a ``@dataclass`` option that
makes a method the class body already defines (``order=True`` and ``__lt__``, ``frozen=True``
and ``__setattr__``, ``unsafe_hash=True`` and ``__hash__``), and ``@runtime_checkable`` on a
class that does not list ``Protocol`` among its bases (TypeError); and, in any class body, a
``dataclasses.field()`` given both ``default`` and ``default_factory`` (field() raises
ValueError). Each fails while the class is made, so the import that runs the statement fails."""

from __future__ import annotations

import ast

from plugcheck.model import Location
from plugcheck.rules.dataclass_init import dataclass_options, own_fields
from plugcheck.static.applied import CLASS_KEEPING, imported_as
from plugcheck.static.bindings import ClassValue
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import target_names

_GENERATED = {
    "order": ("__lt__", "__le__", "__gt__", "__ge__"),
    "frozen": ("__setattr__", "__delattr__"),
    "unsafe_hash": ("__hash__",),
}
"""The methods a ``@dataclass`` option makes, refusing a class body that defines one."""
_PROTOCOLS = {"typing.Protocol", "typing_extensions.Protocol"}
_RUNTIME_CHECKABLE = {"typing.runtime_checkable", "typing_extensions.runtime_checkable"}

Field = tuple[str, str, bool]
"""(name, what its value makes of its ``__init__`` parameter, keyword-only)"""


def decorator_refusal(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, Location] | None:
    """Why a class decorator refuses the class, and the decorator (where Python points)."""
    both = _default_and_factory(ns, info, stmt)
    if both is not None:
        return both
    options = dataclass_options(info, stmt)
    if options is not None:
        deco = Location(
            info.path, stmt.decorator_list[0].lineno, stmt.decorator_list[0].col_offset + 1
        )
        defined = _defined(stmt)
        for option, methods in _GENERATED.items():
            clash = next((m for m in methods if m in defined), None)
            if options.get(option) is True and clash is not None:
                return (
                    f"dataclass({option}=True) makes {clash}, which the class body defines: "
                    f"TypeError (cannot overwrite attribute {clash})"
                ), deco
        fields = None if options.get("init") is False else _fields(ns, info, stmt, 0)
        late = _required_after_default(fields or [])
        if late is not None:
            return (
                f"the dataclass field `{late}` has no default but follows a field with one "
                f"in the __init__ dataclass makes: TypeError (non-default argument {late!r} "
                "follows default argument)"
            ), deco
        return None
    return _runtime_checkable_plain(ns, info, stmt)


def _default_and_factory(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, Location] | None:
    """A ``dataclasses.field(default=..., default_factory=...)`` in the class body: field()
    itself raises ValueError while the body runs, whatever decorates the class."""
    scope = ns.module(info)
    for item in stmt.body:
        value = item.value if isinstance(item, ast.Assign | ast.AnnAssign) else None
        if not isinstance(value, ast.Call):
            continue
        if imported_as(dotted_name(value.func) or "", scope) != "dataclasses.field":
            continue
        if {"default", "default_factory"} <= {k.arg for k in value.keywords}:
            return (
                "dataclasses.field() is given both default and default_factory: ValueError "
                "(cannot specify both default and default_factory)"
            ), Location(info.path, value.lineno, value.col_offset + 1)
    return None


def _defined(stmt: ast.ClassDef) -> set[str]:
    names: set[str] = set()
    for item in stmt.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(item.name)
        elif isinstance(item, ast.Assign):
            names.update(n for t in item.targets for n in target_names(t))
    return names


def _fields(ns: Namespaces, info: ModuleInfo, node: ast.ClassDef, depth: int) -> list[Field] | None:
    """The dataclass fields of ``node`` in ``__init__`` order, its one base's first (a plugin's
    own dataclass, or its own undecorated class statement without bases or annotations);
    ``None`` when source cannot tell them all."""
    options = dataclass_options(info, node)
    if options is None or node.keywords or len(node.bases) > 1 or depth > 10:
        return None
    fields: dict[str, tuple[str, bool]] = {}
    if node.bases:
        base = ns.value(info, node.bases[0], ns.module(info))
        if not isinstance(base, ClassValue):
            return None
        if base.node.decorator_list:
            inherited = _fields(ns, base.module, base.node, depth + 1)
            if inherited is None:
                return None
            fields.update((name, (kind, kw)) for name, kind, kw in inherited)
        elif (
            base.node.bases
            or base.node.keywords
            or any(isinstance(s, ast.AnnAssign) for s in base.node.body)
        ):
            return None
    own = own_fields(node, options)
    if own is None:
        return None
    for name, kind, kw in own:
        fields[name] = (kind, kw)  # a redefinition keeps its place
    return [(name, kind, kw) for name, (kind, kw) in fields.items()]


def _required_after_default(fields: list[Field]) -> str | None:
    seen_default = False
    for name, kind, keyword_only in fields:
        if keyword_only or kind == "no-init":
            continue
        if kind == "default":
            seen_default = True
        elif seen_default:
            return name
    return None


def _runtime_checkable_plain(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, Location] | None:
    """``@runtime_checkable`` on a class whose bases are all known and none is ``Protocol``."""
    scope = ns.module(info)
    checkable = None
    for deco in stmt.decorator_list:
        origin = imported_as(dotted_name(deco) or "", scope)
        if origin in _RUNTIME_CHECKABLE:
            checkable = deco
        elif origin not in CLASS_KEEPING:
            return None  # another decorator may hand back another class
    if checkable is None or stmt.keywords:
        return None
    for base in stmt.bases:
        expr = base.value if isinstance(base, ast.Subscript) else base
        origin = imported_as(dotted_name(expr) or "", scope)
        if origin in _PROTOCOLS:
            return None
        if origin is None and not isinstance(ns.value(info, expr, scope), ClassValue):
            return None  # a name source cannot read may stand for Protocol
    return (
        f"@runtime_checkable applies only to protocol classes, and {stmt.name} does not list "
        "Protocol among its bases: TypeError"
    ), Location(info.path, checkable.lineno, checkable.col_offset + 1)
