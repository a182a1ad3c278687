"""Locating what mypy named (a class, a member of it) among a plugin's own files."""

from __future__ import annotations

import ast

from plugcheck.model import Location, Plugin
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo, ParseFailure
from plugcheck.static.typecheck.targets import module_files


def locate(
    fullname: str, member: str | None, plugin: Plugin, index: ModuleIndex
) -> Location | None:
    """The class ``fullname`` (or its ``member``) among the plugin's own files."""
    found = class_def(fullname, plugin, index)
    if found is None:
        return None
    info, node = found
    path = info.path
    at: ast.stmt = node
    if member:
        for stmt in node.body:
            if _binds(stmt, member):
                at = stmt
    return Location(
        path,
        at.lineno,
        at.col_offset + 1,
        at.end_lineno,
        (at.end_col_offset or 0) + 1,
    )


def class_def(
    fullname: str, plugin: Plugin, index: ModuleIndex
) -> tuple[ModuleInfo, ast.ClassDef] | None:
    """The module-level ``class`` statement of ``fullname`` in the plugin's files (the last)."""
    module, _, cls = fullname.rpartition(".")
    path = (module_files(plugin) or {}).get(module)
    info = index.info(path) if path else None
    if info is None or info.tree is None:
        return None
    node = None
    for stmt in info.tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == cls:
            node = stmt
    return None if node is None else (info, node)


def _binds(stmt: ast.stmt, name: str) -> bool:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return stmt.name == name
    if isinstance(stmt, ast.AnnAssign):
        return isinstance(stmt.target, ast.Name) and stmt.target.id == name
    if isinstance(stmt, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    return False


def parses(plugin: Plugin, index: ModuleIndex) -> bool:
    return not any(isinstance(index.parse(f), ParseFailure) for f in plugin.files)
