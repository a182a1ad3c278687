"""The abstract methods of a host class that a plugin class leaves unimplemented, read from
source: Python refuses to instantiate such a class (``TypeError: Can't instantiate abstract
class``). Judged only where every class between the plugin's and the host's is readable."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin, TypeRef
from plugcheck.rules.base import Context
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted

HOST = "<host>"
"""The host class's place in a computed method resolution order."""


def host_class(ctx: Context, ref: TypeRef) -> Resolved | None:
    """The host's class ``ref``, read from the API roots."""
    path = ctx.index.find_module(ref.module, ctx.api_roots())
    info = ctx.index.info(path) if path else None
    found = resolve_dotted(ctx.index, info, ref.name, ctx.api_roots()) if info else None
    if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
        return found
    return None


def abstract_methods(host: Resolved) -> list[str]:
    """The methods the host class itself declares ``@abstractmethod``."""
    node = node_at(host.module, host.symbol.line)
    if not isinstance(node, ast.ClassDef):
        return []
    return [
        stmt.name
        for stmt in node.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(
            (dotted_name(d) or "").rsplit(".", 1)[-1] == "abstractmethod"
            for d in stmt.decorator_list
        )
    ]


def left_abstract(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, host: Resolved
) -> list[str]:
    """The host's abstract methods ``node`` leaves unimplemented (``[]``: none, or not known)."""
    abstract = abstract_methods(host)
    mro = _mro(ctx, plugin, module, node, host, 0) if abstract else None
    if not mro or HOST not in mro:
        return []
    defined: set[str] = set()
    for cls in mro[: mro.index(HOST)]:
        assert isinstance(cls, ast.ClassDef)
        defined |= _names(cls)
    return [name for name in abstract if name not in defined]


def _names(node: ast.ClassDef) -> set[str]:
    """What a class body binds."""
    names: set[str] = set()
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
            names.add(stmt.target.id)
        elif isinstance(stmt, ast.Pass | ast.AnnAssign) or (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        ):
            continue  # pass, a docstring, an annotation without a value: bind nothing
        else:
            names.add("<unknown>")  # a statement that may bind anything (if, for, import...)
    return names


def _mro(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    host: Resolved,
    depth: int,
) -> list[ast.ClassDef | str] | None:
    """C3 linearization of ``node`` down to the host class; ``None`` when a class on the way
    is not a plain class statement plugcheck reads (decorated, a metaclass, an unknown base)."""
    if depth > 20 or node.decorator_list or node.keywords or "<unknown>" in _names(node):
        return None
    chains: list[list[ast.ClassDef | str]] = []
    for base in node.bases:
        dotted = dotted_name(base)
        found = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin)) if dotted else None
        if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
            return None
        if (found.module.path, found.symbol.line) == (host.module.path, host.symbol.line):
            chains.append([HOST])
            continue
        sub = node_at(found.module, found.symbol.line)
        if not isinstance(sub, ast.ClassDef) or found.module.path not in plugin.files:
            return None
        chain = _mro(ctx, plugin, found.module, sub, host, depth + 1)
        if chain is None:
            return None
        chains.append(chain)
    merged = _merge([*chains, [c[0] for c in chains]])
    return None if merged is None else [node, *merged]


def _merge(chains: list[list[ast.ClassDef | str]]) -> list[ast.ClassDef | str] | None:
    out: list[ast.ClassDef | str] = []
    chains = [list(c) for c in chains if c]
    while chains:
        for chain in chains:
            head = chain[0]
            if not any(head in c[1:] for c in chains):
                break
        else:
            return None  # no consistent order: Python refuses the class at import
        out.append(head)
        chains = [[x for x in c if x is not head] for c in chains]
        chains = [c for c in chains if c]
    return out
