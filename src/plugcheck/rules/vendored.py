"""Folders a package puts on ``sys.path`` when it is imported (setuptools' ``_vendor``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.static.parse import dotted_name
from plugcheck.static.path_edits import path_edits

_GROWS = frozenset({"append", "extend", "insert"})
_DEFINES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def path_extended_roots(ctx: Context, plugin: Plugin) -> list[Path]:
    """The folders that are no package directly inside a package whose ``__init__`` (run before
    the plugin's module, which is looked at too) adds to ``sys.path`` at module level:
    setuptools/__init__.py appends setuptools/_vendor, whose jaraco and more_itertools
    setuptools.dist then imports by their own names. Where the added paths cannot all be read
    from the source, each such folder beside the module that changes ``sys.path`` is one it may
    add."""
    if plugin.module_path is None:
        return []
    key = ("path-extended-roots", ctx.contract.name, plugin.key)
    return memo(ctx, key, lambda: list(_roots(ctx, plugin)))


def _roots(ctx: Context, plugin: Plugin) -> Iterator[Path]:
    parts = plugin.module.split(".")
    modules = [".".join(parts[:n]) for n in range(1, len(parts))]
    paths = [ctx.index.find_module(name, ctx.roots(plugin)) for name in modules]
    for path in {*(p for p in paths if p is not None), plugin.module_path}:
        info = ctx.index.info(path) if path is not None else None
        if path is None or info is None or info.tree is None or not _grows_path(info.tree.body):
            continue
        edits = path_edits(info.tree, path)
        if edits and all(where is not None for _, where in edits):
            # Every folder it adds is read (static/path_edits.py): those, for a package above
            # the plugin's module; the plugin's own module's are judged import by import, in
            # order, by PC309 itself.
            if path != plugin.module_path:
                yield from (where for _, where in edits if where is not None and where.is_dir())
            continue
        try:
            folders = sorted(p for p in path.parent.iterdir() if p.is_dir())
        except OSError:
            continue
        yield from (f for f in folders if not (f / "__init__.py").is_file())


def _grows_path(body: list[ast.stmt]) -> bool:
    """Whether module-level code (not in a function or class) changes ``sys.path``."""
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, _DEFINES):
            continue
        match node:
            case ast.Call(func=ast.Attribute(value=value, attr=attr)) if attr in _GROWS:
                if dotted_name(value) == "sys.path":
                    return True
            case ast.Assign(targets=targets) | ast.AugAssign(target=ast.expr() as targets):
                for target in targets if isinstance(targets, list) else [targets]:
                    base = target.value if isinstance(target, ast.Subscript) else target
                    if dotted_name(base) == "sys.path":
                        return True
        todo.extend(ast.iter_child_nodes(node))
    return False
