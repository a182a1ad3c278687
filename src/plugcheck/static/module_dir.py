"""What ``register`` walks in a module plugin and what each name gives pluggy: ``dir(module)``
(the module's own ``__dir__`` when it defines one, PEP 562), names the module's ``__getattr__``
serves, and names imported from outside the plugin; plus how the target's pluggy looks them up.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.static.bindings import (
    UNKNOWN,
    Binding,
    ClassValue,
    Foreign,
    Instance,
    ModuleRef,
    NotFunction,
    Preset,
    Routine,
    Target,
    Value,
)
from plugcheck.static.getattr_paths import RAISES, served_expression
from plugcheck.static.index import ModuleIndex
from plugcheck.static.made_at_import import computed_globals
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import module_statements, own_nodes
from plugcheck.static.self_binding import namespace_items
from plugcheck.static.symbols import SymbolKind


def pluggy_discovery(index: ModuleIndex, roots: Sequence[Path]) -> str | None:
    """How the target's pluggy finds hookimpls: ``static`` (``inspect.getattr_static``: only
    Python functions, static/classmethods and bound methods can be hookimpls; a routine the
    manager claims otherwise fails an assertion in ``register``), ``getattr`` (pluggy up to
    1.6: any routine, ``__wrapped__`` followed for its arguments), ``None`` when the target has
    no pluggy source to read."""
    path = index.find_module("pluggy._manager", roots)
    info = index.info(path) if path else None
    if info is None or info.tree is None:
        return None
    static = any(
        isinstance(node, ast.Attribute) and node.attr == "getattr_static"
        for node in ast.walk(info.tree)
    )
    return "static" if static else "getattr"


def binding_line(module: ModuleInfo, attr: str) -> tuple[int, int]:
    """Where the module binds ``attr`` (its last assignment or import), else its first line."""
    where = (1, 1)
    for node in ast.walk(module.tree):
        if (
            (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == attr for t in node.targets)
            )
            or (isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == attr)
            or (
                isinstance(node, ast.ImportFrom)
                and any((a.asname or a.name) == attr for a in node.names)
            )
        ):
            where = max(where, (node.lineno, node.col_offset + 1))
    return where


def foreign_function(
    index: ModuleIndex, binding: Foreign, roots: Sequence[Path], target: Target
) -> Routine | None:
    """The module-level ``def`` a name imported from outside the plugin is, when its source is
    in the target environment (``os.path`` is ``posixpath`` or ``ntpath`` there)."""
    name = binding.module_name()
    if name == "os.path" and target.platform:
        name = "ntpath" if target.platform == "win32" else "posixpath"
    path = index.find_module(name, roots) if name else None
    info = index.info(path) if path else None
    if info is None or info.tree is None:
        return None
    defs = [
        s
        for s in module_statements(info.tree.body)
        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == binding.name
    ]
    return Routine(defs[-1], info) if defs else None


def stdlib_builtin(binding: Foreign) -> NotFunction | None:
    """A name imported from the standard library that is a builtin (C) function there
    (``os.getcwd`` comes from ``posix``, whose source no file shows): judged on the stdlib
    module as plugcheck's own interpreter has already loaded it (nothing is imported)."""
    name = binding.module_name()
    if name is None or name.partition(".")[0] not in sys.stdlib_module_names:
        return None
    module = sys.modules.get(name)
    found = getattr(module, binding.name, None) if module is not None else None
    if found is not None and inspect.isroutine(found) and not inspect.isfunction(found):
        return NotFunction(f"the builtin {name}.{binding.name}()")
    return None


# --- PEP 562: a module's own __dir__ and __getattr__ ------------------------------------


@dataclass(frozen=True, slots=True)
class Served:
    """A name ``dir(module)`` lists that the module's namespace lacks: ``getattr`` runs the
    module's ``__getattr__``, ``inspect.getattr_static`` (pluggy 1.7) finds nothing."""

    value: Binding | None
    """What ``__getattr__`` returns for the name; ``None`` when it raises (or there is none)."""
    known: bool = True
    """Whether source tells what it returns at all."""

    def routine(self) -> bool | None:
        """Whether ``inspect.isroutine`` is true of what ``getattr`` returns (``None``: not
        known)."""
        if not self.known:
            return None
        if isinstance(self.value, Routine | NotFunction):
            return True
        if self.value is None or isinstance(self.value, ClassValue | Instance | ModuleRef | Preset):
            return False
        if isinstance(self.value, Value) and self.value is not UNKNOWN:
            return False
        return None  # imported from elsewhere, or a value source does not show


@dataclass(frozen=True, slots=True)
class ModuleDir:
    names: dict[str, Binding | Served]
    """What ``dir(module)`` lists, with what each name holds."""
    unreadable: str | None = None
    """Why the names ``dir`` lists are not known from source (``__dir__`` computes them)."""
    line: int = 1


def module_dir(namespaces: Namespaces, info: ModuleInfo, names: dict[str, Binding]) -> ModuleDir:
    """``dir(module)`` for a module whose namespace is ``names``: the namespace itself, unless
    the module defines ``__dir__`` (then what it returns, each name the namespace lacks served
    by the module's ``__getattr__``)."""
    fn = _module_function(names, "__dir__")
    if fn is None:
        return ModuleDir(dict(names))
    listed: set[str] = set()
    returns = [n for n in own_nodes(fn) if isinstance(n, ast.Return)]
    for ret in returns:
        found = _listed(ret.value, names, info) if ret.value is not None else None
        if found is None:
            where = f"{info.path.name}:{ret.lineno}"
            why = f"its __dir__ returns names computed at run time ({where})"
            return ModuleDir(dict(names), why, ret.lineno)
        listed |= found
    if not returns:
        return ModuleDir(dict(names), "its __dir__ returns no list", fn.lineno)
    getter = _module_function(names, "__getattr__")
    result: dict[str, Binding | Served] = {}
    for name in sorted(listed):
        if name in names:
            result[name] = names[name]
        else:
            result[name] = _served(namespaces, info, getter, name, names)
    return ModuleDir(result)


def _module_function(names: dict[str, Binding], name: str) -> ast.FunctionDef | None:
    found = names.get(name)
    if (
        isinstance(found, Routine)
        and not found.in_class
        and isinstance(found.node, ast.FunctionDef)
    ):
        return found.node
    return None


def _listed(expr: ast.expr, names: dict[str, Binding], info: ModuleInfo) -> set[str] | None:
    """The names a ``__dir__`` return value lists, or ``None`` when source cannot tell."""
    match expr:
        case ast.List() | ast.Tuple() | ast.Set():
            found: set[str] = set()
            for elt in expr.elts:
                part = (
                    _listed(elt.value, names, info)
                    if isinstance(elt, ast.Starred)
                    else _listed(elt, names, info)
                )
                if part is None:
                    return None
                found |= part
            return found
        case ast.Constant(value=str(text)):
            return {text}
        case (
            ast.Call(func=ast.Name(id="globals"), args=[])
            | ast.Call(
                func=ast.Attribute(
                    value=ast.Call(func=ast.Name(id="globals"), args=[]), attr="keys"
                )
            )
        ) if "globals" not in names:
            return set(names)
        case ast.Call(func=ast.Name(id="list" | "sorted" | "set" | "tuple" as f), args=[arg]) if (
            f not in names and not expr.keywords
        ):
            return _listed(arg, names, info)
        case ast.BinOp(op=ast.Add() | ast.BitOr(), left=left, right=right):
            a, b = _listed(left, names, info), _listed(right, names, info)
            return None if a is None or b is None else a | b
        case ast.Name(id="__all__") if info.all_names is not None and not info.all_dynamic:
            return set(info.all_names)
        case ast.Name(id=name) if isinstance(names.get(name), Value):
            literal = _module_literal(info, name)  # a module constant: a list, or a dict's keys
            if isinstance(literal, ast.Dict) and None not in literal.keys:
                return _listed(ast.List(elts=[k for k in literal.keys if k]), names, info)
            if isinstance(literal, ast.List | ast.Tuple | ast.Set):
                return _listed(literal, names, info)
    return None


def _served(
    namespaces: Namespaces,
    info: ModuleInfo,
    getter: ast.FunctionDef | None,
    name: str,
    names: dict[str, Binding],
) -> Served:
    """What ``getattr(module, name)`` gives when the namespace lacks ``name``."""
    if getter is None:
        return Served(None)
    params = [a.arg for a in (*getter.args.posonlyargs, *getter.args.args)]
    if len(params) != 1:
        return Served(None, known=False)
    imports: list[ast.stmt] = []
    outcome = served_expression(getter.body, params[0], name, imports)
    if outcome is None:
        return Served(None, known=False)
    if outcome is RAISES and not imports:
        return Served(None)
    scope = dict(names)
    for stmt in imports:
        # `from ._impl import hook` on the path: the name it binds is what it imports (a
        # plain `import x`, a star or an import that raises are not read)
        if not isinstance(stmt, ast.ImportFrom) or any(a.name == "*" for a in stmt.names):
            return Served(None, known=False)
        for alias in stmt.names:
            scope[alias.asname or alias.name] = namespaces.imported(info, stmt, alias.name)
    if outcome is RAISES:
        return Served(None, known=False)
    return _returned(namespaces, info, outcome, params[0], name, scope)


def _returned(
    namespaces: Namespaces,
    info: ModuleInfo,
    expr: ast.expr,
    param: str,
    name: str,
    names: dict[str, Binding],
) -> Served:
    """What a ``__getattr__`` return expression gives for ``name`` (a lookup in a dict literal
    of the module is read: ``TABLE[name]``, ``TABLE.get(name)``)."""
    match expr:
        case (
            ast.Subscript(value=ast.Name(id=table), slice=ast.Name(id=key))
            | ast.Call(
                func=ast.Attribute(value=ast.Name(id=table), attr="get"), args=[ast.Name(id=key)]
            )
        ) if key == param:
            found = _module_dict(info, table)
            if found is None:
                return Served(None, known=False)
            entries = {
                k.value: v
                for k, v in zip(found.keys, found.values, strict=True)
                if isinstance(k, ast.Constant)
            }
            if len(entries) != len(found.keys):
                return Served(None, known=False)
            if name not in entries:  # KeyError, or .get's None
                return Served(Value(ast.Constant(None)) if isinstance(expr, ast.Call) else None)
            expr = entries[name]
    if any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(expr)):
        return Served(None, known=False)
    value = namespaces.value(info, expr, names)
    if value is UNKNOWN or isinstance(value, Foreign):
        return Served(None, known=False)
    return Served(value)


def _module_dict(info: ModuleInfo, name: str) -> ast.Dict | None:
    found = _module_literal(info, name)
    return found if isinstance(found, ast.Dict) else None


def _module_literal(info: ModuleInfo, name: str) -> ast.expr | None:
    """The value last bound to ``name`` by a module-level assignment, when it is the only one."""
    values = [
        stmt.value
        for stmt in module_statements(info.tree.body if info.tree else [])
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    ]
    return values[0] if len(values) == 1 else None


# --- what the entry point hands to register() --------------------------------------------


@dataclass(frozen=True, slots=True)
class Registered:
    """What the entry point hands to ``register``."""

    kind: str
    """``module``, ``class`` (the class object itself), ``instance``, ``namespace`` (a
    ``types.SimpleNamespace`` put in the module's place) or ``other``."""
    names: Mapping[str, Binding | Served]
    owner: str | None = None
    unreadable: str | None = None
    """Why ``dir(plugin)`` is not known from source."""
    line: int = 1


def registered(namespaces: Namespaces, module: ModuleInfo, attr: str | None) -> Registered:
    names = namespaces.module(module)
    replaced = None if attr else _replaced_by(module)
    if replaced is not None:  # the import hands out the object, and register() walks it
        items = _namespace(module, replaced)
        if items is not None:
            given = {name: namespaces.value(module, v, names) for name, v in items}
            return Registered("namespace", given)
        value = namespaces.value(module, replaced, names)
        if isinstance(value, ClassValue):
            return Registered("class", namespaces.class_namespace(value), value.node.name)
        if isinstance(value, Instance) and not _module_type(value.cls.node):
            cls = value.cls
            return Registered("instance", namespaces.class_namespace(cls), cls.node.name)
    if not attr:
        return _module_plugin(namespaces, module, names)
    found = namespaces.lookup(names, attr)
    if isinstance(found, ClassValue):
        return Registered("class", namespaces.class_namespace(found), found.node.name)
    if isinstance(found, Instance):
        return Registered("instance", namespaces.class_namespace(found.cls), found.cls.node.name)
    if isinstance(found, ModuleRef) and found.info is not None:
        return _module_plugin(namespaces, found.info, namespaces.module(found.info))
    return Registered("other", {})


def _namespace(module: ModuleInfo, replaced: ast.expr) -> list[tuple[str, ast.expr]] | None:
    """The attributes of a ``types.SimpleNamespace(a=f, ...)`` the module puts in its place as
    its last statement (nothing can add to it before ``import`` returns it), with
    ``SimpleNamespace`` the ``types`` module's for certain; ``None`` otherwise."""
    body = module.tree.body if module.tree is not None else []
    items = namespace_items(replaced)
    if items is None or not body or not isinstance(body[-1], ast.Assign):
        return None
    if body[-1].value is not replaced or not isinstance(replaced, ast.Call):
        return None
    func = replaced.func
    head = func.value if isinstance(func, ast.Attribute) else func
    symbol = module.symbols.get(head.id) if isinstance(head, ast.Name) else None
    if symbol is None or symbol.kind is not SymbolKind.IMPORT or symbol.conditional:
        return None
    if symbol.import_module != "types":
        return None
    wanted = None if isinstance(func, ast.Attribute) else "SimpleNamespace"
    return items if symbol.import_name == wanted and symbol.import_level == 0 else None


def _module_type(node: ast.ClassDef) -> bool:
    """A ``types.ModuleType`` subclass (a lazy-module idiom): its instance carries the module's
    names at run time, which its class does not show; the module is read as before."""
    return any((dotted_name(b) or "").endswith("ModuleType") for b in node.bases)


def _replaced_by(module: ModuleInfo) -> ast.expr | None:
    """What the module's last top-level ``sys.modules[__name__] = value`` puts in its place:
    ``import_module`` returns that object, and the host registers it instead of the module."""
    value = None
    for stmt in module.tree.body if module.tree is not None else ():
        match stmt:
            case ast.Assign(
                targets=[ast.Subscript(value=ast.Attribute() as table, slice=ast.Name(id=key))]
            ) if key == "__name__" and dotted_name(table) == "sys.modules":
                value = stmt.value
    return value


def _module_plugin(
    namespaces: Namespaces, module: ModuleInfo, names: dict[str, Binding]
) -> Registered:
    listing = module_dir(namespaces, module, names)
    unread = namespaces.unread.get(namespaces.index.real(module.path)) or computed_globals(module)
    if listing.unreadable is None and unread is not None:
        why = f"it runs code source cannot read ({unread[1]}), which may define or hide any name"
        return Registered("module", listing.names, unreadable=why, line=unread[0])
    return Registered("module", listing.names, unreadable=listing.unreadable, line=listing.line)
