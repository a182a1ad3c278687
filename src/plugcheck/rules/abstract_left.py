"""The abstract methods of a host class that a plugin class leaves unimplemented, read from
source: Python refuses to instantiate such a class (``TypeError: Can't instantiate abstract
class``). Judged only where every class between the plugin's and the host's is readable.
Also whether a plugin class certainly does not derive from the host class at all."""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.model import Plugin, TypeRef
from plugcheck.rules.abstract_patch import ancestry, rewritten
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
    mro = mro_to_host(ctx, plugin, module, node, host) if abstract else None
    if not mro or HOST not in mro:
        return []
    defined: set[str] = set()
    for cls in mro[: mro.index(HOST)]:
        assert isinstance(cls, ast.ClassDef)
        defined |= _names(cls)
    left = [name for name in abstract if name not in defined]
    roots = ctx.roots(plugin)
    classes = ancestry(ctx.index, module, node, roots) | {(host.module.path, host.symbol.name)}
    if left and rewritten(ctx.index, plugin.files, roots, (module.path, node), classes):
        return []  # the plugin rewrites __abstractmethods__: the run decides
    return left


_PLAIN_BASES = frozenset({"object", "abc.ABC", "ABC"})
_VIRTUAL = frozenset({"register", "__bases__", "__subclasshook__", "__subclasscheck__"})
"""What makes ``issubclass`` true of a class that does not derive from the host's."""


def plain_host(node: ast.AST) -> bool:
    """A host class statement with no decorator, deriving from ``object``/``abc.ABC`` alone
    with no metaclass but ``abc.ABCMeta``: its instances and subclasses are what its body
    says."""
    return (
        isinstance(node, ast.ClassDef)
        and not node.decorator_list
        and all(dotted_name(b) in _PLAIN_BASES for b in node.bases)
        and all(
            k.arg == "metaclass" and dotted_name(k.value) in ("abc.ABCMeta", "ABCMeta")
            for k in node.keywords
        )
    )


def never_derives(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, host: Resolved
) -> bool:
    """``issubclass(node, host)`` is certainly false: ``node``'s bases, followed through the
    plugin's plain class statements, never reach the host class (a plain one, see
    ``plain_host``), and no code of the plugin or the host's package can make ``node`` a
    virtual subclass (``register``, ``__subclasshook__``) or change its bases."""
    order = mro_to_host(ctx, plugin, module, node, host)
    host_node = node_at(host.module, host.symbol.line)
    if order is None or HOST in order or host_node is None or not plain_host(host_node):
        return False
    files = [*sorted(plugin.files), *host_package_files(ctx, host.module.path)]
    for path in files:
        info = ctx.index.info(path)
        if info is None or any(n.attr in _VIRTUAL for n in info.nodes(ast.Attribute)):
            return False
        if any(
            isinstance(n, ast.FunctionDef) and n.name in _VIRTUAL
            for n in info.nodes(ast.FunctionDef)
        ):
            return False
    return len(files) > len(plugin.files)


def host_package_files(ctx: Context, path: Path) -> list[Path]:
    """Every module of the top-level package (or the lone module) ``path`` belongs to, under
    the API roots; ``[]`` when it is not under one or the package is too large to read."""
    for root in ctx.api_roots():
        try:
            parts = path.resolve().relative_to(root.resolve()).parts
        except (OSError, ValueError):
            continue
        if len(parts) == 1:
            return [path]
        files = sorted((root / parts[0]).rglob("*.py"))
        return files if len(files) <= 200 else []
    return []


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


def mro_to_host(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    host: Resolved,
    depth: int = 0,
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
        chain = mro_to_host(ctx, plugin, found.module, sub, host, depth + 1)
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
