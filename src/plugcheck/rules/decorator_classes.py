"""A method decorated by the plugin's own ``contextlib.ContextDecorator`` class used bare
(``@timed`` for ``@timed()``): the class statement binds ``timed(check)``, an instance of the
class, in place of the method. Such an instance is no descriptor, so ``obj.check`` is that
instance, and calling it runs ``ContextDecorator.__call__(func)``: with the host's one
argument as ``func`` it returns a wrapper function (the method's body never runs), with any
other count it raises TypeError."""

from __future__ import annotations

import ast

from plugcheck.rules.reached import Reader
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import ClassValue
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import call_fits

_CONTEXT_DECORATORS = {"contextlib.ContextDecorator", "contextlib.AsyncContextDecorator"}
_OWN_HOOKS = {"__call__", "__get__", "__new__", "__init_subclass__", "__class_getitem__"}
"""Members that would change what the class statement binds or what calling it does."""


def context_decorator_class(
    reader: Reader, module: ModuleInfo, fn: ast.FunctionDef | ast.AsyncFunctionDef
) -> ast.ClassDef | None:
    """The plugin's own class ``fn``'s one decorator names (bare, not called), when it derives
    directly from ``contextlib.ContextDecorator`` alone, takes the method as its one argument,
    and nothing in it or in the module changes what the decoration binds or what calling the
    instance does."""
    if len(fn.decorator_list) != 1 or not isinstance(fn.decorator_list[0], ast.Name):
        return None
    name = fn.decorator_list[0].id
    scope = reader.scope(module)
    found = reader.ns.value(module, fn.decorator_list[0], scope)
    if not isinstance(found, ClassValue) or not reader.mine(found.module):
        return None
    cls = found.node
    if found.module is not module or not _bound_once(module, name):
        return None
    if cls.decorator_list or cls.keywords or len(cls.bases) != 1:
        return None
    if imported_as(dotted_name(cls.bases[0]) or "", scope) not in _CONTEXT_DECORATORS:
        return None
    members = {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    others = {
        t.id
        for s in cls.body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
        if isinstance(t, ast.Name)
    }
    if (set(members) | others) & _OWN_HOOKS:
        return None
    init = members.get("__init__")
    if init is None or init.decorator_list or not call_fits(init.args, 2, ()):
        return None
    return cls


def _bound_once(module: ModuleInfo, name: str) -> bool:
    """The module binds ``name`` once, by a top-level class statement."""
    tree = module.tree
    if tree is None:
        return False
    binds = [
        n
        for n in ast.walk(tree)
        if (isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
        or (isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n.name == name)
        or (isinstance(n, ast.alias) and (n.asname or n.name) == name)
        or (isinstance(n, ast.Global) and name in n.names)
    ]
    return len(binds) == 1 and any(
        isinstance(s, ast.ClassDef) and s.name == name for s in tree.body
    )
