"""Members a class's creation copies into its module: the copy loop idiom.

A base's ``__init_subclass__``, a metaclass's ``__new__`` or a class decorator of the module
that copies the class's own members into the module's namespace while the class statement runs::

    def _export(cls):
        for key, value in vars(cls).items():
            if key.startswith("dh_"):
                globals()[key] = value
        return cls

``vars(cls)`` (``cls.__dict__``, or the metaclass's ``namespace``) holds the class body's own
bindings, not its bases'; ``globals()`` is the module that defines the function. Read only in
that shape: one ``for key, value in <the class's dict>.items():`` whose body is the store, or
an ``if key.startswith("<literal>"):`` around it, beside nothing but ``super()`` calls and
``return``; the function, the base or the metaclass defined in the same module as the class.
Anything else stays a write source cannot read (``made_at_import.computed_globals``).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from plugcheck.static.applied import is_globals
from plugcheck.static.bindings import Binding, ClassValue, Routine
from plugcheck.static.parse import ModuleInfo, dotted_name

if TYPE_CHECKING:
    from plugcheck.static.namespaces import Namespaces

_HOOKS = {"__init_subclass__": 0, "__new__": 3}
"""The class-making method of a base or a metaclass -> the parameter holding the class's dict
(``cls``; the metaclass's ``namespace``)."""


def copy_prefix(fn: ast.FunctionDef, param: int) -> str | None:
    """The prefix the copy loop of ``fn`` tests its keys with (``""``: every key), when ``fn``
    is that loop over its parameter number ``param``; else ``None``."""
    params = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
    if len(params) <= param:
        return None
    source = params[param]
    loops = [s for s in fn.body if isinstance(s, ast.For)]
    rest = [s for s in fn.body if not isinstance(s, ast.For)]
    if len(loops) != 1 or not all(_plain(s) for s in rest):
        return None
    loop = loops[0]
    match loop:
        case ast.For(
            target=ast.Tuple(elts=[ast.Name(id=key), ast.Name(id=value)]),
            iter=ast.Call(func=ast.Attribute(value=table, attr="items"), args=[]),
            body=body,
            orelse=[],
        ) if _class_dict(table, source):
            pass
        case _:
            return None
    prefix = ""
    match body:
        case [ast.If(test=test, body=inner, orelse=[])]:
            match test:
                case ast.Call(
                    func=ast.Attribute(value=ast.Name(id=tested), attr="startswith"),
                    args=[ast.Constant(value=str(prefix))],
                ) if tested == key:
                    body = inner
                case _:
                    return None
    match body:
        case [ast.Assign(targets=[ast.Subscript(value=ast.Call() as g, slice=ast.Name(id=k))])]:
            stored = body[0]
            assert isinstance(stored, ast.Assign)
            if is_globals(g) and k == key and dotted_name(stored.value) == value:
                return prefix
    return None


def _class_dict(table: ast.expr, source: str) -> bool:
    """``vars(cls)``, ``cls.__dict__`` or the parameter itself (a metaclass's namespace)."""
    match table:
        case ast.Call(func=ast.Name(id="vars"), args=[ast.Name(id=name)]):
            return name == source
        case ast.Attribute(value=ast.Name(id=name), attr="__dict__"):
            return name == source
        case ast.Name(id=name):
            return name == source
    return False


def _plain(stmt: ast.stmt) -> bool:
    """A statement beside the loop that binds nothing in the module: ``super().<m>(...)``
    (as an expression, returned or assigned to a local), ``return <name>``, a docstring."""
    value = stmt.value if isinstance(stmt, ast.Expr | ast.Return | ast.Assign) else None
    if isinstance(stmt, ast.Assign) and not all(isinstance(t, ast.Name) for t in stmt.targets):
        return False
    if value is None:
        return isinstance(stmt, ast.Return | ast.Pass)
    if isinstance(value, ast.Name | ast.Constant):
        return True
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Call)
        and dotted_name(value.func.value.func) == "super"
    )


def copied_out(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, scope: dict[str, Binding]
) -> dict[str, Binding]:
    """What the class statement ``stmt`` (just bound in ``scope``) copies into its module."""
    prefix = _copier(info, stmt, scope)
    cls = scope.get(stmt.name)
    if prefix is None or not isinstance(cls, ClassValue):
        return {}
    own = ns.class_namespace(cls, depth=10, outer=scope)  # its body alone: vars(cls)
    return {k: v for k, v in own.items() if k.startswith(prefix) and not k.startswith("__")}


def _copier(info: ModuleInfo, stmt: ast.ClassDef, scope: dict[str, Binding]) -> str | None:
    """The prefix of the copy loop the class's creation runs: its decorator's, its base's
    ``__init_subclass__``'s or its metaclass's ``__new__``'s (the module's own)."""
    for decorator in stmt.decorator_list:
        found = scope.get(decorator.id) if isinstance(decorator, ast.Name) else None
        if not isinstance(found, Routine) or found.in_class or found.module.path != info.path:
            continue
        prefix = copy_prefix(found.node, 0) if isinstance(found.node, ast.FunctionDef) else None
        if prefix is not None:
            return prefix
    makers = [("__init_subclass__", b) for b in stmt.bases]
    makers += [("__new__", k.value) for k in stmt.keywords if k.arg == "metaclass"]
    for method, expr in makers:
        found = scope.get(expr.id) if isinstance(expr, ast.Name) else None
        if not isinstance(found, ClassValue) or found.module.path != info.path:
            continue
        for member in found.node.body:
            if isinstance(member, ast.FunctionDef) and member.name == method:
                prefix = copy_prefix(member, _HOOKS[method])
                if prefix is not None:
                    return prefix
    return None
