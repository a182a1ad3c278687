"""PC515 through an import guard: a ``try`` around the import of one of the plugin's own modules
that always raises, whose handlers do not catch what it raises.

``try: from . import _gpu`` / ``except ImportError: _gpu = None`` guards a missing optional
dependency, but the import runs ``_gpu.py``, and a ``raise RuntimeError("no GPU found")`` at its
top level (certain, as PC515 reads a module) is no ImportError: it goes through the handler and
fails the host's import of the plugin. Judged only where the guarded module is the plugin's own
file, the raised class and every handler's class are builtin exceptions (no bare ``except:``,
no class of the plugin's), and none of the handlers' classes is a base of the raised one.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_edges import import_targets, package_of, target_of
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.module_layout import dotted_below
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.raising import Names, always_raises
from plugcheck.static.parse import ModuleInfo, dotted_name


def _builtin_exception(name: str | None) -> type[BaseException] | None:
    found = getattr(builtins, name, None) if name and "." not in name else None
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def _caught(handlers: list[ast.ExceptHandler]) -> list[type[BaseException]] | None:
    """The builtin classes the handlers catch; ``None`` when one catches anything else."""
    classes: list[type[BaseException]] = []
    for handler in handlers:
        names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for name in names:
            found = _builtin_exception(dotted_name(name)) if name is not None else None
            if found is None:
                return None
            classes.append(found)
    return classes


def _first_raise(ctx: Context, info: ModuleInfo) -> tuple[type[BaseException], ast.Raise] | None:
    """The builtin exception the module's top level certainly raises first, with the raise."""
    names: Names = {}
    for top in info.tree.body if info.tree is not None else []:
        found = always_raises(top, ctx.env, names, info)
        if found is None:
            continue
        stmt = found[1]
        if not isinstance(stmt, ast.Raise) or stmt.exc is None:
            return None
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        raised = _builtin_exception(dotted_name(exc))
        return (raised, stmt) if raised is not None else None
    return None


@plugin_check(PC515)
def guarded_import_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    own = {ctx.index.real(p) for p in plugin.files}
    roots = ctx.roots(plugin)
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        package = package_of(dotted_below(path, plugin.import_root), path)
        for stmt in info.tree.body:
            if not isinstance(stmt, ast.Try) or not stmt.handlers:
                continue
            caught = _caught(stmt.handlers)
            if caught is None:
                continue
            for name in import_targets(stmt.body, package, target_of(ctx)):
                found = ctx.index.find_module(name, roots)
                module = ctx.index.info(found) if found is not None else None
                if module is None or ctx.index.real(Path(module.path)) not in own:
                    continue
                raised = _first_raise(ctx, module)
                if raised is None or any(issubclass(raised[0], c) for c in caught):
                    continue
                shown = ", ".join(c.__name__ for c in caught)
                where = ctx.contract.shown(path)
                yield PC515.at(  # at the raise: the innermost frame, where the real import fails
                    plugin,
                    Location(Path(module.path), raised[1].lineno, raised[1].col_offset + 1),
                    f"this always raises {raised[0].__name__} when {name} is imported, and the "
                    f"try around that import ({where}:{stmt.lineno}) catches only {shown}: the "
                    f"host's import of {plugin.module} always fails",
                    fix=f"raise ImportError in {name} when its dependency is missing, or catch "
                    f"{raised[0].__name__} around the import",
                )
                return
