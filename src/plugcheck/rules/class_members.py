"""Whether a class has an attribute, read from its source and its bases' without importing them.

An entry point ``pkg.mod:Class.method`` makes ``ep.load()`` read ``method`` from the class
object: the class body, then its bases in turn. A class ``__getattr__`` does not take part (it
serves instances); a metaclass, a class decorator, ``__init_subclass__``, a ``setattr`` or an
assignment to ``Class.method`` elsewhere may add it, and a base out of reach may have it: then
nobody can tell, and the answer is ``None``.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.syntax import dotted_name

_DEPTH = 20
_QUIET_METACLASSES = {"ABCMeta", "abc.ABCMeta"}
"""Metaclasses known to add no class attributes of their own making."""
_DYNAMIC_CALLS = {"setattr", "exec", "eval", "vars", "locals", "globals"}


def class_has(
    index: ModuleIndex, found: Resolved, member: str, roots: Sequence[Path], depth: int = 0
) -> bool | None:
    """Whether the class ``found`` names has ``member`` as a class attribute: ``True``,
    ``False``, or ``None`` when its source cannot say."""
    if member.startswith("__") and member.endswith("__"):
        return None  # `object` and `type` provide many of these
    symbol = found.symbol
    if depth > _DEPTH or symbol.kind is not SymbolKind.CLASS or symbol.conditional:
        return None  # a class defined in a branch may have another definition
    node = _class_def(found.module, symbol.name, symbol.line)
    if node is None or node.decorator_list or _added_elsewhere(found.module, node.name, member):
        return None
    if any(
        k.arg == "metaclass" and dotted_name(k.value) not in _QUIET_METACLASSES
        for k in node.keywords
    ):
        return None
    binds = _bound(node.body)
    if binds is None or member in binds:
        return None if binds is None else True
    if "__init_subclass__" in binds and depth > 0:
        return None  # a base's hook may set attributes on each subclass
    unknown = False
    for base in node.bases:
        if isinstance(base, ast.Subscript):
            base = base.value  # Generic[T], Base[int]
        name = dotted_name(base)
        if name is None:
            return None
        if name == "object":
            continue
        if "." in name:
            return None  # `module.Base`: not followed here
        resolved = index.resolve(found.module, name, roots)
        if not isinstance(resolved, Resolved):
            return None  # an installed library out of reach, a builtin other than object
        has = class_has(index, resolved, member, roots, depth + 1)
        if has is True:
            return True
        unknown = unknown or has is None
    return None if unknown else False


def _class_def(module: ModuleInfo, name: str, line: int) -> ast.ClassDef | None:
    for node in module.nodes(ast.ClassDef):
        if node.name == name and node.lineno == line:
            return node
    return None


def _bound(body: list[ast.stmt]) -> set[str] | None:
    """The names a class body binds, anywhere in it (branches and loops too); ``None`` when it
    may bind names no statement spells (``exec``, ``locals()`` writes, ``vars()``)."""
    names: set[str] = set()
    for stmt in body:
        for node in ast.walk(stmt):
            match node:
                case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                    names.add(node.name)
                case ast.Name(ctx=ast.Store()):
                    names.add(node.id)
                case ast.alias():
                    names.add((node.asname or node.name).split(".")[0])
                case ast.Call(func=ast.Name(id=called)) if called in _DYNAMIC_CALLS:
                    return None
                case ast.AnnAssign(target=ast.Name(id=annotated)):
                    names.add(annotated)  # a dataclass field, a descriptor: leave it be
    return names


def _added_elsewhere(module: ModuleInfo, cls: str, member: str) -> bool:
    """Whether the module may add ``member`` to the class from outside its body:
    ``Class.member = ...``, ``setattr(...)``, ``del``/``exec`` games."""
    for node in module.nodes(ast.Attribute):
        match node:
            case ast.Attribute(value=ast.Name(id=owner), attr=attr, ctx=ast.Store()) if (
                owner == cls and attr == member
            ):
                return True
    return any(
        isinstance(node.func, ast.Name) and node.func.id in {"setattr", "exec"}
        for node in module.nodes(ast.Call)
    )
