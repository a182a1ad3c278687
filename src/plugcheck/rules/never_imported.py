"""Whether no import of one of a plugin's files runs on the target: a module kept for newer
interpreters behind ``if sys.version_info >= (3, 12):``, or one nothing imports. PC001 does
not say "the host's import fails here" of such a file."""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.imports_run import known_test
from plugcheck.rules.installed import reached_files
from plugcheck.rules.may_run import PATH_LOADERS
from plugcheck.static.parse import dotted_name, is_type_checking
from plugcheck.static.symbols import ModuleInfo

_LOADERS = PATH_LOADERS | {"import_module", "__import__"}
"""Calls that may import a file by a name or path computed at run time."""


def never_imported(ctx: Context, plugin: Plugin, path: Path) -> bool:
    """No import of ``path`` runs on the target: the host's import of the plugin does not
    reach it, no other file of the plugin names it (its module's last name) in an import the
    target runs, at any depth (a function may import it when called), or in a string, and no
    file imports by a computed name or path."""
    if path == plugin.module_path or path not in plugin.files:
        return False
    if path in reached_files(ctx, plugin):
        return False
    name = path.parent.name if path.name == "__init__.py" else path.stem
    for other in plugin.files:
        if other == path:
            continue
        info = ctx.index.info(other)
        if info is None or info.tree is None:
            continue
        if _names(ctx, info, name):
            return False
    return True


def _names(ctx: Context, info: ModuleInfo, name: str) -> bool:
    """Whether the module names ``name`` in a live import or a string, or imports by a
    computed name."""
    dead = _dead(ctx, info)
    imports: list[ast.Import | ast.ImportFrom] = [*info.nodes(ast.Import)]
    imports += info.nodes(ast.ImportFrom)
    for node in imports:
        if id(node) in dead:
            continue
        module = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
        parts = {*module.split("."), *(p for a in node.names for p in a.name.split("."))}
        if name in parts:
            return True
    for const in info.nodes(ast.Constant):
        if isinstance(const.value, str) and name in const.value:
            return True
    for call in info.nodes(ast.Call):
        called = (dotted_name(call.func) or "").rpartition(".")[2]
        if called in _LOADERS:
            return True
    return False


def _dead(ctx: Context, info: ModuleInfo) -> set[int]:
    """The nodes under branches the target never takes (and ``if TYPE_CHECKING:``)."""
    dead: set[int] = set()
    for branch in info.nodes(ast.If):
        if is_type_checking(branch.test):
            skipped = branch.body
        else:
            taken = known_test(branch.test, ctx.env)
            skipped = branch.body if taken is False else branch.orelse if taken else []
        for stmt in skipped:
            dead.update(id(n) for n in ast.walk(stmt))
    return dead
