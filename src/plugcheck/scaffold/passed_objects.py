"""Entry-point objects a host hands straight to a method of its own class: Flask's
``FlaskGroup._load_plugin_commands`` does ``self.add_command(ep.load(), ep.name)``, and
``add_command`` (click's ``Group``, a base of Flask's class) annotates that parameter
``cmd: Command``. The object each entry point names is an instance of that class: the
contract's ``entry-point-object = { type = ..., kind = "instance" }``."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck import untrusted
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
