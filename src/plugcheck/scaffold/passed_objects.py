"""Entry-point objects a host hands straight to a method of its own class: Flask's
``FlaskGroup._load_plugin_commands`` does ``self.add_command(ep.load(), ep.name)``, and
``add_command`` (click's ``Group``, a base of Flask's class) annotates that parameter
``cmd: Command``. The object each entry point names is an instance of that class: the
contract's ``entry-point-object = { type = ..., kind = "instance" }``. So too where the host hands
the entry points to a library's function that does it (rasterio's
``@with_plugins(entry_points(group=G))``: click-plugins' ``with_plugins`` checks
``isinstance(group, click.Group)`` and calls ``group.add_command(ep.load())`` for each)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck import untrusted
from plugcheck.scaffold.groups import group_expr
from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.module_names import module_name
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.syntax import dotted, is_named
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import walked

_DEPTH = 8
"""How many bases up a method is looked for (click's Group is two above FlaskGroup)."""


def passed_objects(refs: HostRefs, info: ModuleInfo, tree: ast.Module) -> Iterator[tuple[str, int]]:
    """``(module:Class, line)`` for each ``self.method(..., ep.load(), ...)`` in a method of a
    class of ``tree`` whose ``method`` (its own or a base's, the host's or a library's)
    annotates that parameter with a class."""
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for call in walked(cls):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and is_named(call.func.value, "self")
            ):
                continue
            loaded = [
                i for i, a in enumerate(call.args) if isinstance(a, ast.Call) and entry_load(a)
            ]
            if len(loaded) != 1:
                continue
            found = _annotation(refs, info, cls, call.func.attr, loaded[0], _DEPTH)
            if found is not None:
                yield found, call.lineno
    asked = {  # Celery's ``_PLUGINS = entry_points(group=...)``, then ``@with_plugins(_PLUGINS)``
        t.id
        for node in walked(tree)
        if isinstance(node, ast.Assign) and _asks(node.value)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    for call in walked(tree):
        if isinstance(call, ast.Call) and (position := _handed_position(call, asked)) is not None:
            target = resolve_dotted(refs.index, info, dotted(call.func), refs.roots)
            if isinstance(target, Resolved) and target.symbol.kind is SymbolKind.FUNCTION:
                found = _taken_by(refs, target, position)
                if found is not None:
                    yield found, call.lineno


def _handed_position(call: ast.Call, asked: set[str]) -> int | None:
    """The position of the one argument of ``call`` that asks for a group's entry points
    (``entry_points(group=G)``, a ``chain`` of such asks, or a name of ``asked``: bound to
    one)."""
    asking = [
        i
        for i, arg in enumerate(call.args)
        if _asks(arg) or (isinstance(arg, ast.Name) and arg.id in asked)
    ]
    return asking[0] if len(asking) == 1 else None


def _asks(node: ast.expr) -> bool:
    return any(isinstance(n, ast.Call) and group_expr(n) is not None for n in walked(node))


def _taken_by(refs: HostRefs, target: Resolved, position: int) -> str | None:
    """The class a function (one level into the library that defines it) hands each entry
    point it is given at ``position`` to: ``for ep in <that parameter>`` (or a name bound to
    it), then ``x.method(ep.load())`` where ``isinstance(x, C)`` is checked in the same function
    and ``C.method`` annotates that parameter."""
    module = target.module
    fn = next(
        (
            n
            for n in (module.tree.body if module.tree is not None else [])
            if isinstance(n, ast.FunctionDef) and n.name == target.symbol.name
        ),
        None,
    )
    params = [*fn.args.posonlyargs, *fn.args.args] if fn is not None else []
    if fn is None or position >= len(params):
        return None
    fed = {params[position].arg}
    for node in walked(fn):  # ``all_entry_points = entry_points``
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id in fed
        ):
            fed.update(t.id for t in node.targets if isinstance(t, ast.Name))
    each = {
        node.target.id
        for node in walked(fn)
        if isinstance(node, ast.For)
        and isinstance(node.target, ast.Name)
        and any(isinstance(n, ast.Name) and n.id in fed for n in walked(node.iter))
    }  # ``for ep in plugins or ()`` too
    checked = {
        node.args[0].id: node.args[1]
        for node in walked(fn)
        if isinstance(node, ast.Call)
        and is_named(node.func, "isinstance")
        and len(node.args) == 2
        and isinstance(node.args[0], ast.Name)
    }
    for call in walked(fn):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id in checked
        ):
            continue
        loaded = [
            i
            for i, a in enumerate(call.args)
            if isinstance(a, ast.Call)
            and entry_load(a)
            and isinstance(a.func, ast.Attribute)
            and isinstance(a.func.value, ast.Name)
            and a.func.value.id in each
        ]
        cls = resolve_dotted(refs.index, module, dotted(checked[call.func.value.id]), refs.roots)
        if len(loaded) != 1 or not (
            isinstance(cls, Resolved) and cls.symbol.kind is SymbolKind.CLASS
        ):
            continue
        tree = cls.module.tree
        defined = next(
            (
                n
                for n in (tree.body if tree is not None else [])
                if isinstance(n, ast.ClassDef) and n.name == cls.symbol.name
            ),
            None,
        )
        if defined is not None:
            return _annotation(refs, cls.module, defined, call.func.attr, loaded[0], _DEPTH)
    return None


def _annotation(
    refs: HostRefs, info: ModuleInfo, cls: ast.ClassDef, method: str, position: int, depth: int
) -> str | None:
    """``module:Class`` the parameter at ``position`` (after ``self``) of ``cls.method``, or of
    the first base defining it, is annotated with."""
    for node in cls.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == method:
            params = [*node.args.posonlyargs, *node.args.args][1:]
            annotation = params[position].annotation if position < len(params) else None
            return _class_ref(refs, info, annotation) if annotation is not None else None
    if depth == 0:
        return None
    for base in cls.bases:
        target = resolve_dotted(refs.index, info, dotted(base), refs.roots)
        if not (isinstance(target, Resolved) and target.symbol.kind is SymbolKind.CLASS):
            continue
        tree = target.module.tree
        defs = [n for n in tree.body if isinstance(n, ast.ClassDef)] if tree is not None else []
        for node in defs:
            if node.name == target.symbol.name:
                found = _annotation(refs, target.module, node, method, position, depth - 1)
                if found is not None:
                    return found
    return None


def _class_ref(refs: HostRefs, info: ModuleInfo, annotation: ast.expr) -> str | None:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = untrusted.parse_expression(annotation.value)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    name = dotted(annotation)
    target = resolve_dotted(refs.index, info, name, refs.roots) if name else None
    if not (isinstance(target, Resolved) and target.symbol.kind is SymbolKind.CLASS):
        return None
    return f"{module_name(target.module.path)[0]}:{target.symbol.name}"
