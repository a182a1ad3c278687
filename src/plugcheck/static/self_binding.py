"""Names a module binds on its own module object rather than by statements: ``globals()[k] =``,
``vars()[k] =`` at module level, ``globals().update(...)``, ``setattr(sys.modules[__name__],
k, v)``, ``sys.modules[__name__].__class__ = C`` (the class's attributes become the module's),
or another object put in ``sys.modules[__name__]``; read from literal keys, ``None`` when a
key is computed and any name may be bound."""

from __future__ import annotations

import ast

from plugcheck.static.parse import dotted_name
from plugcheck.static.symbols import ModuleInfo

_NAMESPACE_CALLS = frozenset({"globals", "vars", "locals"})
_SELF_SUBSCRIPT = "sys.modules"


def self_bound(info: ModuleInfo, *, stored: bool = False) -> frozenset[str] | None:
    """The names the module binds on itself by those means (empty: none); ``None``: unknown.
    ``stored``: only names stored in the module's ``__dict__`` (what ``from m import *``
    copies), not those a module class serves."""
    both = info.derived("self-bound", _self_bound)
    if stored:
        return both[0]
    if both[0] is None or both[1] is None:
        return None
    return both[0] | both[1]


def _self_bound(info: ModuleInfo) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(names stored in the module's namespace, names its module class serves)."""
    if info.tree is None:
        return frozenset(), frozenset()
    top = info.tree.body
    selves = _self_names(top)
    names: set[str] | None = set()
    served: set[str] | None = set()
    for node in _nodes(info):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == "__class__" and _is_self(t.value, selves)
            for t in node.targets
        ):
            attributes = _class_attributes(node.value, info)
            served = None if attributes is None or served is None else served | attributes
            continue
        found = _bound_by(node, selves, top)
        names = None if found is None or names is None else names | found
    return (
        None if names is None else frozenset(names),
        None if served is None else frozenset(served),
    )


def _nodes(info: ModuleInfo) -> list[ast.AST]:
    return [*info.nodes(ast.Assign), *info.nodes(ast.Call)]


def _is_self(node: ast.expr, selves: set[str]) -> bool:
    """``sys.modules[__name__]`` (or ``.get(__name__)``), or a name bound to it."""
    match node:
        case ast.Subscript(value=table, slice=ast.Name(id="__name__")):
            return dotted_name(table) == _SELF_SUBSCRIPT
        case ast.Call(func=ast.Attribute(value=table, attr="get"), args=[ast.Name(id="__name__")]):
            return dotted_name(table) == _SELF_SUBSCRIPT
        case ast.Name(id=name):
            return name in selves
    return False


def _self_names(top: list[ast.stmt]) -> set[str]:
    selves: set[str] = set()
    for stmt in top:
        if isinstance(stmt, ast.Assign) and _is_self(stmt.value, selves):
            selves |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    return selves


def _namespace(node: ast.expr, top: list[ast.stmt], selves: set[str]) -> bool:
    """``globals()``; ``vars()``/``locals()`` only in a module-level statement; or
    ``vars(<self>)``, ``<self>.__dict__``."""
    match node:
        case ast.Call(func=ast.Name(id=fn), args=[], keywords=[]) if fn in _NAMESPACE_CALLS:
            return fn == "globals" or any(node in ast.walk(s) for s in top if _plain(s))
        case ast.Call(func=ast.Name(id="vars"), args=[owner], keywords=[]):
            return _is_self(owner, selves)
        case ast.Attribute(value=owner, attr="__dict__"):
            return _is_self(owner, selves)
    return False


def _plain(stmt: ast.stmt) -> bool:
    return not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)


def _key(node: ast.expr) -> frozenset[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return frozenset({node.value})
    return None


def _bound_by(node: ast.AST, selves: set[str], top: list[ast.stmt]) -> frozenset[str] | None:
    empty: frozenset[str] = frozenset()
    if isinstance(node, ast.Assign):
        found: set[str] = set()
        for target in node.targets:
            match target:
                case ast.Subscript(value=owner, slice=key) if _namespace(owner, top, selves):
                    named = _key(key)
                    if named is None:
                        return None
                    found |= named
                case ast.Subscript(value=table, slice=ast.Name(id="__name__")) if (
                    dotted_name(table) == _SELF_SUBSCRIPT
                ):
                    # another object in its place: a SimpleNamespace has its keywords, anything
                    # else is unknown here (a module put there is replaced_module's to read)
                    return _namespace_keywords(node.value)
        return frozenset(found)
    assert isinstance(node, ast.Call)
    match node:
        case ast.Call(func=ast.Name(id="setattr"), args=[owner, key, _]) if _is_self(owner, selves):
            return _key(key)
        case ast.Call(func=ast.Attribute(value=owner, attr=method)) if _namespace(
            owner, top, selves
        ):
            if method in ("__setitem__", "setdefault"):
                return _key(node.args[0]) if node.args else None
            if method == "update":
                return _update_keys(node)
    return empty


def _update_keys(call: ast.Call) -> frozenset[str] | None:
    names = {k.arg for k in call.keywords if k.arg is not None}
    if any(k.arg is None for k in call.keywords) or len(call.args) > 1:
        return None
    for arg in call.args:
        if not isinstance(arg, ast.Dict) or None in arg.keys:
            return None
        for key in arg.keys:
            named = _key(key) if key is not None else None
            if named is None:
                return None
            names |= named
    return frozenset(names)


def _class_attributes(value: ast.expr, info: ModuleInfo) -> frozenset[str] | None:
    """The names a module class defined in this module gives the module: its body's
    functions, properties and assignments; ``None`` when it has bases other than
    ``types.ModuleType`` or serves names (``__getattr__``, ``__getattribute__``)."""
    if not isinstance(value, ast.Name) or info.tree is None:
        return None
    classes = [s for s in info.tree.body if isinstance(s, ast.ClassDef) and s.name == value.id]
    if len(classes) != 1:
        return None
    (cls,) = classes
    if [dotted_name(b) for b in cls.bases] not in (["types.ModuleType"], ["ModuleType"]):
        return None
    names: set[str] = set()
    for stmt in cls.body:
        match stmt:
            case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name):
                if name in ("__getattr__", "__getattribute__"):
                    return None
                names.add(name)
            case ast.Assign(targets=targets):
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
            case ast.AnnAssign(target=ast.Name(id=name)):
                names.add(name)
    return frozenset(names)


def _namespace_keywords(value: ast.expr) -> frozenset[str] | None:
    """``types.SimpleNamespace(a=..., b=...)``: its names, the only ones it has."""
    items = namespace_items(value)
    return None if items is None else frozenset(name for name, _ in items)


def namespace_items(value: ast.expr) -> list[tuple[str, ast.expr]] | None:
    """``types.SimpleNamespace(a=..., b=...)``: its attributes and the expressions given them;
    ``None`` for any other value, or a ``**mapping`` (names not spelt out)."""
    match value:
        case ast.Call(func=func, args=[], keywords=keywords) if dotted_name(func) in (
            "types.SimpleNamespace",
            "SimpleNamespace",
        ):
            items = [(k.arg, k.value) for k in keywords if k.arg is not None]
            return None if len(items) != len(keywords) else items
    return None
