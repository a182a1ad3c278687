"""The options a host's base class copies onto the instance: a plugin class with no ``__init__``
of its own, built with the contract's stand-ins, runs its one base's ``__init__``, which stores
a parameter as ``self.options = dict(options)``; when nothing else in either class, or in the
plugin's module, touches that attribute but to read ``self.options[...]``, a method the host
calls sees exactly the stand-in's dict there (``complete_keys`` judges its reads)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.call_reads import leading
from plugcheck.rules.super_init import init_parameters, own_init, super_base
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import dotted_name, without_first

_HOOKS = frozenset(
    {
        "__new__",
        "__init__",
        "__init_subclass__",
        "__setattr__",
        "__getattr__",
        "__getattribute__",
        "__class_getitem__",
        "__slots__",
    }
)
"""Names whose definition in a class body could change what building it or reading an
attribute does."""
_PLAIN_BASES = frozenset({"object", "abc.ABC"})


@dataclass(frozen=True, slots=True)
class Copied:
    """``base``'s ``__init__`` sets ``self.<attribute> = dict(<parameter>)`` and the host fills
    that parameter with ``stand_in``."""

    attribute: str
    stand_in: str
    base: ast.ClassDef


def _bound(node: ast.ClassDef) -> set[str]:
    """The names the class body binds."""
    names: set[str] = set()
    for stmt in node.body:
        for n in ast.walk(stmt) if not isinstance(stmt, ast.FunctionDef) else ():
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                names.add(n.id)
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).partition(".")[0] for a in stmt.names)
    return names


def _attributes(tree: ast.AST, name: str) -> Iterator[tuple[ast.Attribute, ast.AST | None]]:
    """Every ``<expr>.name`` in ``tree`` with its parent."""
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            if isinstance(child, ast.Attribute) and child.attr == name:
                yield child, parent


def _self_name(fn: ast.FunctionDef) -> str | None:
    args = [*fn.args.posonlyargs, *fn.args.args]
    return args[0].arg if args else None


def _read_only(tree: ast.AST, attribute: str, allowed: ast.Attribute | None = None) -> bool:
    """Every ``x.attribute`` in ``tree`` but ``allowed`` is read as ``x.attribute[...]``; and
    nothing reaches attributes by other means (``setattr``, ``vars``, ``__dict__``)."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id in {"setattr", "vars", "delattr", "object"}:
            return False
        if isinstance(n, ast.Attribute) and n.attr in {"__dict__", "__setattr__"}:
            return False
    for node, parent in _attributes(tree, attribute):
        if node is allowed:
            continue
        read = (
            isinstance(parent, ast.Subscript)
            and parent.value is node
            and isinstance(parent.ctx, ast.Load)
        )
        if not read:
            return False
    return True


def copied_options(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    stand_ins: Sequence[object],
) -> Copied | None:
    """What ``node``, built with ``stand_ins``, holds as a copy of one of them (see the module)."""
    if node.decorator_list or node.keywords or own_init(node) is not None or _bound(node) & _HOOKS:
        return None
    base = super_base(ctx, plugin, module, node)
    init = own_init(base) if base is not None else None
    if base is None or init is None or _bound(base) & (_HOOKS - {"__init__"}):
        return None
    if any(dotted_name(b) not in _PLAIN_BASES for b in base.bases):
        return None  # a further base could define a property or __setattr__
    dotted = dotted_name(node.bases[0])
    where = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin)) if dotted else None
    if not isinstance(where, Resolved) or {"dict", "abc", "object"} & _shadowed(where.module):
        return None  # the base's module unknown, or dict (abc) not the builtin (module) there
    tree = module.tree
    if tree is None:
        return None
    self_name, args = _self_name(init), without_first(init.args)
    passed = init_parameters(base, stand_ins)
    for stmt in leading(init.body):
        match stmt:
            case ast.Assign(
                targets=[ast.Attribute(value=ast.Name(id=owner), attr=attribute) as target],
                value=ast.Call(func=ast.Name(id="dict"), args=[ast.Name(id=param)], keywords=[]),
            ) if owner == self_name and param in passed and args is not None:
                if attribute in _bound(node) | _bound(base):
                    return None  # a class attribute (a property) may answer first
                if not _only_stores(init, self_name, target) or not _read_only(
                    base, attribute, target
                ):
                    return None
                if not _read_only(tree, attribute) or _rebinds(init, param):
                    return None
                return Copied(attribute, passed[param], base)
    return None


def _shadowed(module: ModuleInfo) -> set[str]:
    """Names the module binds (``dict``, ``abc``) other than ``import abc``."""
    names = set(module.symbols)
    for stmt in module.tree.body if module.tree is not None else []:
        if isinstance(stmt, ast.Import) and [(a.name, a.asname) for a in stmt.names] == [
            ("abc", None)
        ]:
            names.discard("abc")
    return names


def _only_stores(init: ast.FunctionDef, self_name: str | None, target: ast.Attribute) -> bool:
    """``self`` in the base's ``__init__`` is only the owner of attribute stores whose values
    do not read it (``self.options = dict(options)``): nothing else sees the instance."""
    stores = {
        id(t.value)
        for stmt in init.body
        if isinstance(stmt, ast.Assign)
        for t in stmt.targets
        if isinstance(t, ast.Attribute) and isinstance(t.ctx, ast.Store)
    }
    for n in ast.walk(init):
        if isinstance(n, ast.Name) and n.id == self_name and id(n) not in stores:
            return False
    return id(target.value) in stores


def _rebinds(init: ast.FunctionDef, param: str) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id == param and not isinstance(n.ctx, ast.Load)
        for n in ast.walk(init)
    )
