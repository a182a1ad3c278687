"""What a plugin's own modules take from a module of its package that another distribution wrote
over (PC355), and whether the copy on disk still binds all of it.

Sceptre's ssm and kms resolvers both install ``resolver/exceptions.py``; the two copies differ
in a docstring. With kms installed last, ssm's ``from resolver.exceptions import
ParameterNotFoundError`` binds kms's class: ssm loads and works, on kms's file. Only the names
the plugin's own modules import are read: ``from M import a``, a relative ``from .m import a``,
and ``M.a`` / ``m.a`` after ``import M`` / ``from pkg import m``. Anything else (a star import,
the module object passed on, ``import_module`` of it, a module ``__getattr__`` or star import on
disk that may or may not answer) is not readable, and the answer is ``None``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from plugcheck.static.index import ModuleIndex
from plugcheck.static.module_getattr import answered_names
from plugcheck.static.symbols import ModuleInfo
from plugcheck.static.syntax import dotted_name


def module_of(path: str) -> str:
    """The dotted name of an installed file's module (``resolver/exceptions.py``)."""
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def still_bound(
    index: ModuleIndex, importers: Iterable[tuple[str, Path]], module: str, disk: Path
) -> tuple[str, ...] | None:
    """The names the plugin's modules (``importers``: installed path, file) import from
    ``module`` when the copy of it on ``disk`` binds every one of them; ``None`` when one is
    missing there, a use cannot be read, or none of them imports ``module`` (its code may then
    be loaded some other way)."""
    wanted: set[str] = set()
    seen = False
    for installed, path in importers:
        info = index.parse(path)
        if not isinstance(info, ModuleInfo):
            return None
        taken = _taken(info, module_of(installed), installed.endswith("__init__.py"), module)
        if taken is None:
            return None
        seen = seen or taken[0]
        wanted |= taken[1]
    copy = index.parse(disk)
    if not seen or not isinstance(copy, ModuleInfo):
        return None
    missing = wanted - copy.symbols.keys()
    if missing and (copy.star_imports or "__getattr__" in copy.symbols):
        answered = answered_names(copy) if not copy.star_imports else None
        if answered is None:
            return None
        missing -= answered
    return None if missing else tuple(sorted(wanted))


def _taken(info: ModuleInfo, own: str, package: bool, module: str) -> tuple[bool, set[str]] | None:
    """Whether ``info`` imports ``module``, and the names it takes from it."""
    if module in info.imports_by_name or None in info.imports_by_name:
        return None  # import_module(...) of it, or of a name computed at run time
    parent, _, leaf = module.rpartition(".")
    names: set[str] = set()
    seen = False
    chains: list[list[str]] = []  # how a use spells the module: [bound name, attributes...]
    for node in info.every_import:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == module or alias.name.startswith(module + "."):
                    seen = True
                    if not alias.asname:
                        chains.append(module.split("."))
                    elif alias.name == module:
                        chains.append([alias.asname])
            continue
        source = _absolute(node, own, package)
        for alias in node.names:
            if source == module:
                if alias.name == "*":
                    return None
                seen = True
                names.add(alias.name)
            elif source == parent and alias.name == leaf:
                seen = True
                chains.append([alias.asname or leaf])
    for prefix in chains:
        read = _attributes(info.tree, prefix)
        if read is None:
            return None
        names |= read
    return seen, names


def _absolute(node: ast.ImportFrom, own: str, package: bool) -> str | None:
    if not node.level:
        return node.module
    parts = own.split(".") if package else own.split(".")[:-1]
    if node.level - 1 > len(parts) - 1:
        return None
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _attributes(tree: ast.Module, prefix: list[str]) -> set[str] | None:
    """The attributes read of the module that ``prefix`` spells (``resolver.exceptions`` after
    ``import resolver.exceptions``, ``exc`` after ``from resolver import exceptions as exc``);
    ``None`` when the module itself, or a package on the way to it, is handed over."""
    bound = prefix[0]
    read: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        chain = dotted_name(node) if isinstance(node, ast.Attribute | ast.Name) else None
        if chain is not None and chain.split(".")[0] == bound:
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                continue  # rebound: another value under the name
            parts = chain.split(".")
            if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
                read.add(parts[len(prefix)])
            elif parts == prefix[: len(parts)]:
                return None  # the module itself (or a package on its way) is handed over
            continue
        stack.extend(ast.iter_child_nodes(node))
    return read
