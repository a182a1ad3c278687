"""What a plugin's functions import: the modules importing the plugin does not run, but
calling one of its functions does.

A module that only a function of the plugin imports (Mopidy-Emby's ``def setup(self,
registry): from .backend import EmbyBackend``, and what ``backend`` imports at its top level in
turn) is not run by the plugin's import (``own_imports``) but when the function is called
(:func:`deferred`): a finding there predicts that call fails, and the import withdraws nothing.

How wide: every function and method the modules of the plugin's import define, and those of the
modules such functions import, counts. One that nothing in the plugin, its contract or its host's
packages can be shown to call (``callers``) counts last, and what only it imports is marked
``uncalled``: its findings stay, as warnings. Not counted: functions and imports in ``if``
branches the target decides against (``sys.version_info``, ``TYPE_CHECKING``) or does not decide
(a version of an installed distribution: the real import ran the module-level ones it took),
imports under a ``try`` that catches their failure, and modules nothing the import runs reaches
(a script, a data file, a PyInstaller runtime hook): their findings stay as they are.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.callers import uncalled
from plugcheck.rules.host_uses import binding_lines, without_own
from plugcheck.rules.import_edges import (
    Kind,
    import_by_name,
    import_targets,
    package_of,
    parents,
    target_of,
)
from plugcheck.rules.own_imports import CLOSURE_LIMIT, closure, import_walk
from plugcheck.static.bindings import Binding, Target
from plugcheck.static.branches import decide, module_scope


@dataclass(frozen=True, slots=True)
class Deferred:
    """How a module of the plugin that importing it does not run is imported later."""

    function: str
    """The function whose import runs it, qualified within its module (``Extension.setup``)."""
    imports: str
    """The module that function imports (``mopidy_emby.backend``)."""
    module: str
    """The module itself (``mopidy_emby.remote``)."""
    uncalled: bool = False
    """Nothing in the plugin, its contract or its host's packages can be shown to call the
    function (``callers``), nor any function that imports the module: a finding is a warning."""

    @property
    def step(self) -> str:
        """The finding's step: the call that fails, which no real import withdraws."""
        return f"{self.function}()"

    def words(self) -> str:
        """When the plugin fails, for a finding's message."""
        how = (
            f"it imports {self.imports}"
            if self.imports == self.module
            else f"it imports {self.imports}, whose import runs {self.module}"
        )
        if self.uncalled:
            return (
                f"if anything calls {self.function}() ({how}; importing the plugin does not, "
                "and nothing in the plugin, its contract or the host's packages calls it)"
            )
        return f"when {self.function}() runs ({how}; importing the plugin does not)"


def deferred(ctx: Context, plugin: Plugin) -> Mapping[Path, Deferred]:
    """The plugin's own modules (by real path) that importing it does not run and that a
    function of its imports, directly or through their own module-level imports."""
    return memo(
        ctx, ("deferred imports", ctx.contract.name, plugin.key), lambda: _deferred(ctx, plugin)
    )


def later_import(ctx: Context, plugin: Plugin, path: Path) -> Deferred | None:
    """How a function of the plugin imports the module ``path``, which importing the plugin
    does not run; ``None`` for a module that import runs, or that nothing of the plugin's
    imports."""
    if path == plugin.module_path:
        return None
    return deferred(ctx, plugin).get(ctx.index.real(path))


def _deferred(ctx: Context, plugin: Plugin) -> dict[Path, Deferred]:
    if plugin.module_path is None or plugin.import_root is None:
        return {}
    target = target_of(ctx)
    roots = ctx.roots(plugin)
    top = plugin.module.split(".")[0]
    walk = import_walk(ctx, plugin)
    if not walk.complete:
        return {}  # not all of what the import runs is known: nothing is said to run later
    seen = walk.modules()
    walked = [
        (r.module, info)
        for r in walk.reached
        if r.kind is Kind.SURE and (info := ctx.index.info(r.path)) is not None and info.tree
    ]
    found: dict[Path, Deferred] = {}
    # What functions nothing can be shown to call import is followed last, so a module a
    # called function imports too is that function's.
    uncalled_imports: list[tuple[str, str, Path]] = []

    def reach(function: str, name: str, path: Path, uncalled: bool) -> None:
        stack = [*parents(ctx.index, name, roots), (name, path)][::-1]
        for reached, later in closure(ctx, plugin, stack, seen, own_too=True):
            found[ctx.index.real(later.path)] = Deferred(function, name, reached, uncalled)
            queue.append((reached, later, uncalled))

    queue = deque((module, info, False) for module, info in walked)
    while queue and len(seen) < CLOSURE_LIMIT:
        module, info, dead = queue.popleft()
        package = package_of(module, info.path)

        by_name = import_by_name(ctx, info, module, roots)
        body = info.tree.body if info.tree else []
        scope = module_scope(body)
        lines = binding_lines(info) if info.tree else None
        for function, node in _functions(body, target, scope, lines):
            # The module's constants, less the names the function binds itself.
            inner = without_own(scope, node, lines)
            for name in import_targets(node.body, package, target, by_name, inner, lines):
                if name.split(".")[0] != top or name in seen:
                    continue
                path = ctx.index.find_module(name, roots)
                if path is None:
                    continue
                if dead or uncalled(ctx, plugin, info, node.body[0].lineno) is None:
                    reach(function, name, path, dead)
                else:
                    uncalled_imports.append((function, name, path))
        if not queue:
            for function, name, path in uncalled_imports:
                if name not in seen:
                    reach(function, name, path, True)
            uncalled_imports.clear()
    return found


def _functions(
    body: list[ast.stmt],
    target: Target,
    scope: dict[str, Binding],
    lines: Mapping[str, Sequence[int]] | None,
    prefix: str = "",
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method ``body`` defines (nested ones too), qualified, outside ``if``
    branches the target does not take (or does not decide: ``scope`` is the module's)."""
    for stmt in body:
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                yield f"{prefix}{stmt.name}", stmt
                inner = without_own(scope, stmt, lines)
                yield from _functions(stmt.body, target, inner, lines, f"{prefix}{stmt.name}.")
            case ast.ClassDef():
                yield from _functions(stmt.body, target, scope, lines, f"{prefix}{stmt.name}.")
            case ast.If():
                taken = decide(stmt.test, scope, target)
                if taken is not None:
                    chosen = stmt.body if taken else stmt.orelse
                    yield from _functions(chosen, target, scope, lines, prefix)
            case ast.Try():
                for part in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse):
                    yield from _functions(part, target, scope, lines, prefix)
                yield from _functions(stmt.finalbody, target, scope, lines, prefix)
            case ast.With() | ast.AsyncWith():
                yield from _functions(stmt.body, target, scope, lines, prefix)
