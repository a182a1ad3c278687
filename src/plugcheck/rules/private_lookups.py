"""``getattr(obj, "__name")``: Python mangles a private name only where source spells it as a
name (``obj.__name``, ``__name = ...`` in a class body: ``_Cls__name``), never in a string, so
the lookup asks for ``__name`` itself, which the class does not have (AttributeError).

Judged, in the code every call of a function runs, for ``obj`` the method's own first parameter
(``self``) or a name the module binds once, at its top level, to a class statement; only when
source shows every way the attribute could exist: the class and its bases are the plugin's own
plain class statements (no decorator, metaclass, ``__getattr__``, ``__getattribute__``,
``__setattr__``, ``__dict__`` or ``__slots__``), none of them binds the unmangled name (a class
named only of underscores does), and no code of the plugin stores an attribute of that name
outside a class body, nor uses ``setattr``, ``vars``, ``globals`` or ``__dict__``.
"""

from __future__ import annotations

import ast

from plugcheck.rules.attribute_never_set import stored_anywhere
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.instance_state import chain, names_bound
from plugcheck.rules.raising_calls import RaisingCall
from plugcheck.rules.reached import Function, Reader, local_names, owner_class
from plugcheck.rules.straight_code import certain
from plugcheck.static.bindings import ClassValue
from plugcheck.static.function_walk import binds
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import mangled

_OPEN = frozenset({"__getattr__", "__getattribute__", "__setattr__", "__dict__", "__slots__"})

FIX = (
    "read the attribute as `obj.__name` inside the class (Python mangles it there), or spell "
    "the mangled name in the string (`getattr(obj, '_Cls__name')`)"
)


def private_lookup(reader: Reader, info: ModuleInfo, fn: Function) -> RaisingCall | None:
    """The first ``getattr(obj, "__name")`` every call of ``fn`` evaluates that certainly raises."""
    tree = info.tree
    if tree is None:
        return None
    local = local_names(fn)
    if "getattr" in local or "getattr" in info.symbols:
        return None
    params = [*fn.args.posonlyargs, *fn.args.args]
    me = params[0].arg if params else None  # the callers judge only what decorators keep
    for part in certain(fn.body):
        for node in evaluated(part):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) == 2
                and not node.keywords
                and isinstance(node.args[0], ast.Name)
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                continue
            name = node.args[1].value
            if mangled(name, "C") == name:
                continue
            cls = _class_of(info, tree, fn, node.args[0].id, me, local)
            if cls is not None and _lacks(reader, ClassValue(cls, info), name):
                return RaisingCall(
                    node,
                    "AttributeError",
                    f"`{ast.unparse(node)[:60]}`: a string is never mangled, so it looks up "
                    f"{name!r} itself, and {cls.name} has no attribute of that name (a private "
                    "name its class body binds is stored as `_<Class>" + name + "`)",
                    FIX,
                )
    return None


def _class_of(
    info: ModuleInfo,
    tree: ast.Module,
    fn: Function,
    name: str,
    me: str | None,
    local: frozenset[str],
) -> ast.ClassDef | None:
    """The class statement ``name`` stands for in ``fn``: the method's own class for its first
    parameter, or the module's class bound once at its top level."""
    if name == me:
        owner = owner_class(info, fn)
        found = [s for s in tree.body if isinstance(s, ast.ClassDef) and s.name == owner]
        method = len(found) == 1 and any(m is fn for m in found[0].body)
        return found[0] if method else None
    if name in local:
        return None
    if any(isinstance(n, ast.Global) and name in n.names for n in ast.walk(tree)):
        return None
    bound = [s for s in tree.body if name in _binds(s)]
    return bound[0] if len(bound) == 1 and isinstance(bound[0], ast.ClassDef) else None


def _binds(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement binds (a ``def`` or class only its own name)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    return {name for node in ast.walk(stmt) for name in binds(node)}


def _lacks(reader: Reader, cls: ClassValue, name: str) -> bool:
    found = chain(reader.ns, cls, reader.own)
    if not found.complete:
        return False
    for c in found.classes:
        if c.node.decorator_list or c.node.keywords:
            return False
        bound = names_bound(c.node)
        if bound & _OPEN or (name in bound and mangled(name, c.node.name) == name):
            return False
    if stored_anywhere(reader) is None:  # setattr, vars, globals or __dict__ somewhere
        return False
    for path in reader.own_in_order():
        other = reader.ctx.index.info(path)
        if other is None or other.tree is None or _stored_plain(other.tree, name):
            return False
    return True


def _stored_plain(tree: ast.Module, name: str) -> bool:
    """Whether code outside any class body (or in one of a class named only of underscores,
    which mangles nothing) stores or deletes the attribute ``name`` itself."""
    stack: list[tuple[ast.AST, str | None]] = [(tree, None)]
    while stack:
        node, owner = stack.pop()
        if (
            isinstance(node, ast.Attribute)
            and node.attr == name
            and not isinstance(node.ctx, ast.Load)
            and (owner is None or mangled(name, owner) == name)
        ):
            return True
        inner = node.name if isinstance(node, ast.ClassDef) else owner
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    return False
