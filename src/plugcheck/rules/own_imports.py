"""Which of a plugin's own modules importing it runs, and which only a function of it imports.

The real import of a plugin withdraws the static findings that predict that import fails
(PC530, PC558): it ran every module that import runs. A module that only a function of the
plugin imports (Mopidy-Emby's ``def setup(self, registry): from .backend import EmbyBackend``,
and what ``backend`` imports at its top level in turn) is not run by that import but when the
function is called: a finding there predicts that call fails, and the import withdraws nothing.

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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.callers import uncalled
from plugcheck.rules.host_uses import GUARDS, scope_names
from plugcheck.static.bindings import Binding, Target
from plugcheck.static.branches import PLAIN_IMPORTS, decide, module_scope
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo, canonical_name, catches, dotted_name
from plugcheck.static.resolve import string_value

CLOSURE_LIMIT = 400
"""At most this many of a plugin's own modules are followed (a library's whole package)."""

_IMPORT_CALLS = {"importlib.import_module", "__import__"}


def target_of(ctx: Context) -> Target:
    """The target interpreter, as ``if`` tests are decided against it."""
    env = ctx.env
    return Target(env.version, env.markers.get("sys_platform"), env.markers.get("os_name"))


def parents(index: ModuleIndex, module: str, roots: Sequence[Path]) -> list[tuple[str, Path]]:
    """The packages above dotted ``module``, outermost first, with their files."""
    parts = module.split(".")
    found = []
    for n in range(1, len(parts)):
        name = ".".join(parts[:n])
        path = index.find_module(name, roots)
        if path is not None:
            found.append((name, path))
    return found


def package_of(module: str, path: Path) -> str:
    """The package relative imports in ``module`` (whose file is ``path``) start from."""
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def import_targets(
    body: list[ast.stmt],
    package: str,
    target: Target | None = None,
    by_name: Callable[[ast.Call], str | None] | None = None,
    scope: dict[str, Binding] = PLAIN_IMPORTS,
) -> Iterator[str]:
    """Dotted modules that the unguarded imports in ``body`` import (a ``from m import n`` gives
    ``m`` and ``m.n``: ``n`` may be a submodule): its own statements, ``with`` bodies, the
    branch of an ``if`` the ``target`` decides (reading ``scope``), ``try`` bodies that do not
    catch the import's failure; ``by_name`` reads an ``importlib.import_module("pkg.mod")``
    call's module."""
    for stmt in body:
        match stmt:
            case ast.Import():
                yield from (alias.name for alias in stmt.names)
            case ast.ImportFrom():
                base = stmt.module or ""
                if stmt.level:
                    parts = package.split(".")
                    if stmt.level - 1 >= len(parts):
                        continue
                    head = ".".join(parts[: len(parts) - (stmt.level - 1)])
                    base = f"{head}.{base}" if base else head
                if not base:
                    continue
                yield base
                yield from (f"{base}.{a.name}" for a in stmt.names if a.name != "*")
            case ast.Try():
                if not catches(stmt.handlers, GUARDS):
                    tried = [*stmt.body, *stmt.orelse]
                    yield from import_targets(tried, package, target, by_name, scope)
                yield from import_targets(stmt.finalbody, package, target, by_name, scope)
            case ast.If() if target is not None:
                taken = decide(stmt.test, scope, target)
                if taken is not None:
                    chosen = stmt.body if taken else stmt.orelse
                    yield from import_targets(chosen, package, target, by_name, scope)
            case ast.With() | ast.AsyncWith() if target is not None:
                yield from import_targets(stmt.body, package, target, by_name, scope)
            case ast.Expr(value=ast.Call() as call) | ast.Assign(value=ast.Call() as call):
                if by_name is not None and (name := by_name(call)) and not name.startswith("."):
                    yield name


def closure(
    ctx: Context,
    plugin: Plugin,
    stack: list[tuple[str, Path]],
    seen: set[str],
    *,
    own_too: bool = False,
    target: Target | None = None,
) -> Iterator[tuple[str, ModuleInfo]]:
    """The modules of the plugin's own package ``stack`` (popped from its end) imports, and
    what their unguarded module-level imports reach, outside the plugin's files (all of them
    with ``own_too``); ``target`` decides ``if`` tests. Depth first in statement order, parents
    first: the order Python imports them in."""
    top = plugin.module.split(".")[0]
    roots = ctx.roots(plugin)
    own = {ctx.index.real(p) for p in plugin.files}
    while stack and len(seen) < CLOSURE_LIMIT:
        module, path = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        if own_too or ctx.index.real(path) not in own:
            yield module, info
        pending: list[tuple[str, Path]] = []
        scope = module_scope(info.tree.body) if target is not None else PLAIN_IMPORTS
        for name in import_targets(info.tree.body, package_of(module, path), target, None, scope):
            if name.split(".")[0] != top or name in seen:
                continue
            found = ctx.index.find_module(name, roots)
            if found is not None:
                pending.extend([*parents(ctx.index, name, roots), (name, found)])
        stack.extend(reversed(pending))


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
    seen: set[str] = set()
    start = [(plugin.module, plugin.module_path)]
    start += parents(ctx.index, plugin.module, roots)[::-1]
    walked = list(closure(ctx, plugin, start, seen, own_too=True, target=target))
    if len(seen) >= CLOSURE_LIMIT:
        return {}  # not all of what the import runs is known: nothing is said to run later
    found: dict[Path, Deferred] = {}
    # What functions nothing can be shown to call import is followed last, so a module a
    # called function imports too is that function's.
    uncalled_imports: list[tuple[str, str, Path]] = []

    def reach(function: str, name: str, path: Path, uncalled: bool) -> None:
        stack = [*parents(ctx.index, name, roots), (name, path)][::-1]
        for reached, later in closure(ctx, plugin, stack, seen, own_too=True, target=target):
            found[ctx.index.real(later.path)] = Deferred(function, name, reached, uncalled)
            queue.append((reached, later, uncalled))

    queue = deque((module, info, False) for module, info in walked)
    while queue and len(seen) < CLOSURE_LIMIT:
        module, info, dead = queue.popleft()
        package = package_of(module, info.path)

        def by_name(call: ast.Call, info: ModuleInfo = info) -> str | None:
            called = canonical_name(dotted_name(call.func), info.symbols)
            if called not in _IMPORT_CALLS or not call.args:
                return None
            return string_value(ctx.index, info, call.args[0], roots)

        body = info.tree.body if info.tree else []
        scope = module_scope(body)
        for function, node in _functions(body, target, scope):
            # The module's constants, less the names the function binds itself.
            own = scope_names(node, node.body)
            inner = {k: v for k, v in scope.items() if k not in own}
            for name in import_targets(node.body, package, target, by_name, inner):
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
    body: list[ast.stmt], target: Target, scope: dict[str, Binding], prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method ``body`` defines (nested ones too), qualified, outside ``if``
    branches the target does not take (or does not decide: ``scope`` is the module's)."""
    for stmt in body:
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                yield f"{prefix}{stmt.name}", stmt
                own = scope_names(stmt, stmt.body)
                inner = {k: v for k, v in scope.items() if k not in own}
                yield from _functions(stmt.body, target, inner, f"{prefix}{stmt.name}.")
            case ast.ClassDef():
                yield from _functions(stmt.body, target, scope, f"{prefix}{stmt.name}.")
            case ast.If():
                taken = decide(stmt.test, scope, target)
                if taken is not None:
                    chosen = stmt.body if taken else stmt.orelse
                    yield from _functions(chosen, target, scope, prefix)
            case ast.Try():
                for part in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse):
                    yield from _functions(part, target, scope, prefix)
                yield from _functions(stmt.finalbody, target, scope, prefix)
            case ast.With() | ast.AsyncWith():
                yield from _functions(stmt.body, target, scope, prefix)
