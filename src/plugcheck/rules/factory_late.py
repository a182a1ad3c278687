"""A factory the plugin module binds without spelling a binding of its name, read from source:
``setattr(sys.modules[__name__], "new", value)`` or ``globals()["new"] = value`` at module
level, certainly run, or a module ``__getattr__`` (PEP 562) whose ``if name == "new": return
value`` answers the host's ``module.new``. mypy sees none of them (the name is missing, or typed
``object``), so the factory's product is judged from source here."""

from __future__ import annotations

import ast
from typing import TypeGuard

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.abstract_patch import rewritten
from plugcheck.rules.base import Context
from plugcheck.rules.instance_state import foreign_base, names_bound
from plugcheck.rules.reached import Reader
from plugcheck.rules.signatures.codes import PC210
from plugcheck.static.bindings import ClassValue
from plugcheck.static.kept import branch_states
from plugcheck.static.module_getattr import answered_names
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import node_at
from plugcheck.static.syntax import walk


def late_factory(ctx: Context, plugin: Plugin) -> tuple[ast.Assign, ModuleInfo] | None:
    """``new = <value>`` as the host's lookup of the contract's factory finds it, located at
    the value, when the plugin's module binds the name only by one of the forms above."""
    info = ctx.module(plugin)
    name = ctx.contract.factory_of(plugin)
    lifecycle = ctx.contract.lifecycle
    if info is None or info.tree is None or not name or not name.isidentifier():
        return None
    if lifecycle is None or lifecycle.protocol is None or name in info.symbols:
        return None
    values = [v for v in (_set_late(ctx, info, name), _answered(info, name)) if v is not None]
    if len(values) != 1:
        return None
    value = values[0]
    bound = ast.Assign(targets=[ast.Name(name, ast.Store())], value=value)
    return ast.copy_location(bound, value), info


def _set_late(ctx: Context, info: ModuleInfo, name: str) -> ast.expr | None:
    """The value of the one module-level ``setattr(sys.modules[__name__], name, value)`` or
    ``globals()[name] = value`` the module certainly runs (``None`` if any such store of
    ``name`` may not run, or there are several)."""
    if info.tree is None or "setattr" in info.symbols or "globals" in info.symbols:
        return None
    found: list[tuple[ast.expr, str]] = []
    for stmt, state, _ in branch_states(info.tree.body, ctx.env):
        value = _stored(stmt, name)
        if value is not None:
            found.append((value, state))
    if len(found) != 1 or found[0][1] != "runs":
        return None
    return found[0][0]


def _stored(stmt: ast.stmt, name: str) -> ast.expr | None:
    match stmt:
        case ast.Expr(
            value=ast.Call(
                func=ast.Name(id="setattr"),
                args=[ast.Subscript() as where, ast.Constant(value=str(key)), value],
                keywords=[],
            )
        ) if key == name and _own_module(where):
            return value
        case ast.Assign(
            targets=[
                ast.Subscript(
                    value=ast.Call(func=ast.Name(id="globals"), args=[], keywords=[]),
                    slice=ast.Constant(value=str(key)),
                )
            ],
            value=value,
        ) if key == name:
            return value
    return None


def _own_module(where: ast.Subscript) -> bool:
    """``sys.modules[__name__]``: the module itself."""
    return (
        dotted_name(where.value) == "sys.modules"
        and isinstance(where.slice, ast.Name)
        and where.slice.id == "__name__"
    )


def _answered(info: ModuleInfo, name: str) -> ast.expr | None:
    """The value a readable module ``__getattr__`` returns for ``name``: the body of its
    ``if <param> == name:`` block is that one ``return``, and the value reads no local."""
    answered = answered_names(info)
    symbol = info.symbols.get("__getattr__")
    node = node_at(info, symbol.line) if symbol is not None else None
    if answered is None or name not in answered or not isinstance(node, ast.FunctionDef):
        return None
    param = node.args.args[0].arg
    for stmt in node.body:
        if not isinstance(stmt, ast.If) or not _tests_exactly(stmt.test, param, name):
            continue
        if len(stmt.body) != 1 or not isinstance(stmt.body[0], ast.Return):
            return None
        value = stmt.body[0].value
        if value is None or any(isinstance(n, ast.Name) and n.id == param for n in walk(value)):
            return None
        return value
    return None


def _tests_exactly(test: ast.expr, param: str, name: str) -> bool:
    """``param == name``, or ``param in (name, ...)`` (a tuple, list or set of strings)."""
    match test:
        case ast.Compare(
            left=ast.Name(id=left), ops=[ast.Eq()], comparators=[ast.Constant(value=str(key))]
        ):
            return left == param and key == name
        case ast.Compare(
            left=ast.Name(id=left),
            ops=[ast.In()],
            comparators=[ast.Tuple() | ast.List() | ast.Set() as keys],
        ):
            return left == param and any(
                isinstance(k, ast.Constant) and k.value == name for k in keys.elts
            )
    return False


def abstract_left(
    reader: Reader, plugin: Plugin, cls: ClassValue, where: Location, label: str, factory: str
) -> Finding | None:
    """PC210 when Python refuses to make ``cls`` (``TypeError: Can't instantiate abstract
    class``): its bases, all the plugin's own classes but ``abc.ABC`` (and ``object``), leave
    a method under ``@abstractmethod`` that no class among them defines otherwise. A name one
    of them binds plainly counts as implemented, wherever it sits in the order (so nothing is
    said that Python might not refuse); a metaclass or another outside base says nothing."""
    seen: list[ClassValue] = []
    todo, abstract_base = [cls], False
    while todo:
        current = todo.pop()
        if any(c.node is current.node for c in seen):
            continue
        seen.append(current)
        if current.node.keywords or len(seen) > 16:
            return None
        scope = reader.ns.module(current.module)
        for base in current.node.bases:
            value = reader.ns.value(current.module, base, scope)
            if isinstance(value, ClassValue) and reader.mine(value.module):
                todo.append(value)
            elif foreign_base(reader.ns, current, base) == ("abc", "ABC"):
                abstract_base = True
            elif dotted_name(base) != "object":
                return None
    abstract = {s.name for c in seen for s in c.node.body if _abstract(s)}
    plain = {
        name
        for c in seen
        for name in names_bound(c.node) - {s.name for s in c.node.body if _abstract(s)}
    }
    left = sorted(abstract - plain)
    if not abstract_base or not left:
        return None
    classes = {(c.module.path, c.node.name) for c in seen}
    ctx = reader.ctx
    judged = (cls.module.path, cls.node)
    if rewritten(ctx.index, plugin.files, ctx.roots(plugin), judged, classes):
        return None  # the plugin rewrites __abstractmethods__: the run decides
    return PC210.at(
        plugin,
        where,
        f"{label} makes {cls.node.name}, an abstract class ({', '.join(left)} still abstract): "
        f"Python refuses to instantiate it, so the host's call to {label} fails with TypeError",
        fix=f"implement {', '.join(left)} in {cls.node.name}",
        subject=factory,
    )


def _abstract(stmt: ast.stmt) -> TypeGuard[ast.FunctionDef | ast.AsyncFunctionDef]:
    return isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and any(
        (dotted_name(d) or "").rsplit(".", 1)[-1] == "abstractmethod" for d in stmt.decorator_list
    )
