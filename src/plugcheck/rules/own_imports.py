"""What importing a plugin runs: the one walk every rule reads, and what runs only later.

:func:`import_walk` answers, once per plugin, which modules importing it runs and how surely
(:class:`Kind`): its parent packages and module, then what their module-level imports reach in
the plugin's own files and its top-level package, in the order Python imports them. A ``from
pkg import sub`` may import the submodule ``pkg.sub``; ``importlib.import_module`` and
``__import__`` with a constant name count; ``if`` tests are decided on the target
(``sys.version_info``, ``TYPE_CHECKING``, the module's constants, a ``__main__`` guard), and a
module's body ends at a statement that always raises (``raising``); class bodies run where
their class statement does, loop bodies may not run. Last come the modules only a function's
body imports (:attr:`Kind.LATER`). :func:`loaded` (PC515 and the rules that judge what surely
runs), ``installed.reached_files`` (PC309, never_imported), ``host_names.imported_with``
(PC530) and ``may_run`` (PC110, PC353: every level) are views of it.

The real import of a plugin withdraws the static findings that predict that import fails
(PC530, PC558): it ran every module that import surely runs. A module that only a function of
the plugin imports (Mopidy-Emby's ``def setup(self, registry): from .backend import
EmbyBackend``, and what ``backend`` imports at its top level in turn) is not run by that import
but when the function is called (:func:`deferred`): a finding there predicts that call fails,
and the import withdraws nothing.

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
import dataclasses
import enum
import os
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.callers import uncalled
from plugcheck.rules.host_uses import (
    GUARDS,
    binding_lines,
    import_names,
    name_lines,
    spans,
    without_own,
)
from plugcheck.rules.raising import always_raises
from plugcheck.static.bindings import Binding, Target
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.branches import PLAIN_IMPORTS, decide, module_scope
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo, canonical_name, catches, dotted_name
from plugcheck.static.resolve import string_value
from plugcheck.static.syntax import is_main_guard
from plugcheck.static.syntax import tried as syntax_tried

CLOSURE_LIMIT = 400
"""At most this many of a plugin's own modules are followed (a library's whole package)."""

_IMPORT_CALLS = {"importlib.import_module", "__import__"}


def target_of(ctx: Context) -> Target:
    """The target interpreter, as ``if`` tests are decided against it."""
    return env_target(ctx.env)


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


class Kind(enum.IntEnum):
    """How importing the plugin runs a module (the order is from strongest to weakest)."""

    SURE = 0
    """Every import of the plugin runs it, and its failure fails that import."""
    BRANCH = 1
    """Only an ``if`` branch the target does not decide, or an exception handler, imports it:
    it may not run, but when it does, its failure fails the import."""
    GUARDED = 2
    """A ``try`` that catches import failures, or a ``with`` that may swallow them, is around
    its import: it runs, but the plugin's import survives its failure."""
    LATER = 3
    """Only a function's body imports it (or a module only such a body reaches): importing
    the plugin does not run it, calling that function does (PC110 judges it: the host may)."""


_NEVER_SUPPRESS = frozenset({"open", "io.open", "warnings.catch_warnings", "catch_warnings"})
"""Context managers whose ``__exit__`` never swallows an exception."""


def may_suppress_import_error(stmt: ast.With | ast.AsyncWith) -> bool:
    """Whether the ``with`` may swallow an ImportError raised in its body: ``suppress(...)``,
    but also any context manager plugcheck cannot read (keyring's ``with ExceptionTrap():``
    around its optional imports). Only managers known never to suppress are looked into."""
    return not all(
        isinstance(call, ast.Call) and (dotted_name(call.func) or "") in _NEVER_SUPPRESS
        for call in (item.context_expr for item in stmt.items)
    )


@dataclass(frozen=True, slots=True)
class _Reader:
    """Reads which modules a body of statements imports, and how surely (:class:`Kind`)."""

    package: str
    """The package relative imports start from."""
    target: Target
    scope: dict[str, Binding]
    """The constants ``if`` tests are decided on (``module_scope``, less a function's own)."""
    by_name: Callable[[ast.Call], str | None] | None = None
    """An ``importlib.import_module("pkg.mod")`` or ``__import__`` call's module."""
    bound: Collection[str] = ()
    """The names the module binds (a Python 2 probe in a ``try`` ends its body)."""
    stops: Callable[[ast.stmt], bool] | None = None
    """A statement that always raises: the rest of the body never runs."""
    functions: Mapping[str, ast.FunctionDef] = dataclasses.field(default_factory=dict)
    """The module's top-level functions: a call of one by its name (``_load()``) runs its
    body's imports."""
    entered: dict[str, Kind] = dataclasses.field(default_factory=dict)
    """The functions whose bodies are read already, and how surely (a function calling
    itself; a call in a function's body before the module-level call of the same one)."""
    lines: Mapping[str, Sequence[int]] | None = None
    """The module's ``binding_lines``: a function that binds no name of ``scope`` keeps it."""
    spots: Sequence[int] | None = None
    """Lines of imports and of names that import or call ``functions`` (``name_lines``): a
    function spanning none of them imports nothing."""

    def read(self, body: Sequence[ast.stmt], kind: Kind = Kind.SURE) -> Iterator[tuple[str, Kind]]:
        """Dotted modules the imports in ``body`` import (a ``from m import n`` gives ``m``
        and ``m.n``: ``n`` may be a submodule), each with how surely it runs."""
        for stmt in body:
            if self.stops is not None and self.stops(stmt):
                return  # the rest of the body never runs
            yield from self._statement(stmt, kind)

    def _statement(self, stmt: ast.stmt, kind: Kind) -> Iterator[tuple[str, Kind]]:
        branch, guarded = max(kind, Kind.BRANCH), max(kind, Kind.GUARDED)
        match stmt:
            case ast.Import():
                yield from ((alias.name, kind) for alias in stmt.names)
            case ast.ImportFrom():
                base = _absolute(stmt.module or "", stmt.level, self.package)
                if base:
                    yield base, kind
                    yield from ((f"{base}.{a.name}", kind) for a in stmt.names if a.name != "*")
            case ast.If():
                taken = (
                    False
                    if is_main_guard(stmt.test)
                    else decide(stmt.test, self.scope, self.target)
                )
                if taken is None:
                    yield from self.read(stmt.body, branch)
                    yield from self.read(stmt.orelse, branch)
                else:
                    yield from self.read(stmt.body if taken else stmt.orelse, kind)
            case ast.Try() | ast.TryStar():
                caught = catches(stmt.handlers, GUARDS)
                yield from self.read(syntax_tried(stmt, self.bound), guarded if caught else kind)
                for handler in stmt.handlers:
                    yield from self.read(handler.body, branch)
                yield from self.read(stmt.orelse, branch if caught else kind)
                yield from self.read(stmt.finalbody, kind)
            case ast.With() | ast.AsyncWith():
                yield from self.read(
                    stmt.body, guarded if may_suppress_import_error(stmt) else kind
                )
            case ast.For() | ast.AsyncFor() | ast.While():  # the body may run no time
                yield from self.read(stmt.body, branch)
                yield from self.read(stmt.orelse, branch)
            case ast.Match():
                for case in stmt.cases:
                    yield from self.read(case.body, branch)
            case ast.ClassDef():  # a class body runs where the class statement does
                yield from self.read(stmt.body, kind)
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                yield from self._inside(stmt, Kind.LATER)
            case ast.Expr(value=ast.Call() as call) | ast.Assign(value=ast.Call() as call):
                if self.by_name is not None and (name := self.by_name(call)):
                    yield name, kind
                elif isinstance(call.func, ast.Name) and call.func.id in self.functions:
                    yield from self._called(self.functions[call.func.id], kind)

    def _called(self, function: ast.FunctionDef, kind: Kind) -> Iterator[tuple[str, Kind]]:
        """The imports of a function this body calls, as surely as the call runs."""
        known = self.entered.get(function.name)
        if known is not None and known <= kind:
            return
        self.entered[function.name] = kind
        yield from self._inside(function, kind)

    def _inside(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, kind: Kind
    ) -> Iterator[tuple[str, Kind]]:
        if self.spots is not None and not spans(self.spots, function.lineno, function.end_lineno):
            return
        scope = without_own(self.scope, function, self.lines)  # less the names it binds itself
        yield from dataclasses.replace(self, scope=scope, stops=None).read(function.body, kind)


def _absolute(module: str, level: int, package: str) -> str:
    """The dotted name a (relative when ``level``) import of ``module`` in ``package`` names;
    empty when it climbs out of the top package."""
    if not level:
        return module
    parts = package.split(".") if package else []
    if level - 1 >= len(parts):
        return ""
    head = ".".join(parts[: len(parts) - (level - 1)])
    return f"{head}.{module}" if module else head


def import_targets(
    body: list[ast.stmt],
    package: str,
    target: Target,
    by_name: Callable[[ast.Call], str | None] | None = None,
    scope: dict[str, Binding] = PLAIN_IMPORTS,
    lines: Mapping[str, Sequence[int]] | None = None,
) -> Iterator[str]:
    """Dotted modules that the imports in ``body`` surely run (:attr:`Kind.SURE`): its own
    statements, ``with`` bodies that swallow nothing, the branch of an ``if`` the ``target``
    decides (reading ``scope``), ``try`` bodies that do not catch the import's failure;
    ``by_name`` reads an ``importlib.import_module("pkg.mod")`` call's module."""
    reader = _Reader(package, target, scope, by_name, lines=lines)
    return (name for name, kind in reader.read(body) if kind is Kind.SURE)


def _by_name(
    ctx: Context, info: ModuleInfo, module: str, roots: Sequence[Path]
) -> Callable[[ast.Call], str | None]:
    """Reads ``importlib.import_module(NAME)`` (any alias, a constant name, ``".x"`` anchored
    on ``__name__`` or ``__package__``) and ``__import__(NAME)`` calls in ``info``."""
    package = package_of(module, info.path)

    def by_name(call: ast.Call) -> str | None:
        called = canonical_name(dotted_name(call.func), info.symbols)
        if called not in _IMPORT_CALLS or not call.args:
            return None
        name = string_value(ctx.index, info, call.args[0], roots)
        if not name or not name.startswith("."):
            return name
        match call.args[1:]:
            case [ast.Name(id="__package__")] if called == "importlib.import_module":
                anchor = package
            case [ast.Name(id="__name__")] if called == "importlib.import_module":
                anchor = module  # a plain module's __name__ is no package: nothing is found
            case _:
                return None
        level = len(name) - len(name.lstrip("."))
        return _absolute(name[level:], level, anchor) or None

    return by_name


def _edges(ctx: Context, plugin: Plugin, module: str, info: ModuleInfo) -> list[tuple[str, Kind]]:
    """What the module-level statements of ``module`` import, in order, with how surely."""

    def read() -> list[tuple[str, Kind]]:
        if info.tree is None:
            return []
        body = info.tree.body
        env = ctx.env
        reader = _Reader(
            package_of(module, info.path),
            target_of(ctx),
            module_scope(body),
            _by_name(ctx, info, module, ctx.roots(plugin)),
            info.symbols,
            lambda stmt: always_raises(stmt, env) is not None,
            functions := {f.name: f for f in body if isinstance(f, ast.FunctionDef)},
            lines=binding_lines(info),
            spots=name_lines(info, import_names(info) | functions.keys()),
        )
        return list(reader.read(body))

    return memo(ctx, ("import edges", ctx.contract.name, plugin.key, module, info.path), read)


@dataclass(frozen=True, slots=True)
class Reached:
    """A module importing the plugin runs."""

    module: str
    path: Path
    kind: Kind
    own: bool
    """One of the plugin's own files (else a module of its top-level package outside them)."""


@dataclass(frozen=True, slots=True)
class Walk:
    """What importing the plugin runs: its parent packages, its module, and what their
    module-level imports reach in the plugin's own files and top-level package, in the order
    Python imports them (depth first, parents first), :attr:`Kind.SURE` ones first."""

    reached: tuple[Reached, ...]
    complete: bool
    """No module of the plugin's top-level package was left out for :data:`CLOSURE_LIMIT`."""

    def paths(self, weakest: Kind = Kind.SURE, *, own: bool = True) -> list[Path]:
        """The files of the modules run at least as surely as ``weakest`` (own ones only)."""
        return [r.path for r in self.reached if r.kind <= weakest and (r.own or not own)]

    def modules(self, weakest: Kind = Kind.SURE) -> set[str]:
        return {r.module for r in self.reached if r.kind <= weakest}


def import_walk(ctx: Context, plugin: Plugin) -> Walk:
    """What importing ``plugin`` runs (:class:`Walk`): the one answer every rule reads, made
    once per plugin."""
    return memo(ctx, ("import walk", ctx.contract.name, plugin.key), lambda: _walk(ctx, plugin))


def loaded(ctx: Context, plugin: Plugin) -> list[Path]:
    """The plugin's own files the host's import of it certainly runs (:attr:`Kind.SURE`), in
    the order Python runs them."""
    return import_walk(ctx, plugin).paths()


def own_roots(ctx: Context, plugin: Plugin, own: set[Path]) -> list[Path]:
    """The import roots up to the last one holding a file of the plugin: an import found only
    in a later root is not the plugin's own file, so looking further is wasted."""
    roots = ctx.roots(plugin)
    folders: set[str] = set()  # ``f.parents`` as strings: a Path made for each was most of this
    for folder in map(str, own):
        while (parent := os.path.dirname(folder)) != folder and parent not in folders:
            folders.add(folder := parent)
    holding = [
        i
        for i, root in enumerate(roots)
        if (resolved := resolved_path(ctx, root)) is not None and str(resolved) in folders
    ]
    return roots[: holding[-1] + 1] if holding else []


def resolved_path(ctx: Context, path: Path) -> Path | None:
    try:
        return ctx.index.real(path)
    except OSError:
        return None


def _walk(ctx: Context, plugin: Plugin) -> Walk:
    if plugin.module_path is None:
        return Walk((), True)
    walker = Walker(ctx, plugin)
    start = [(plugin.module, plugin.module_path)]
    start += parents(ctx.index, plugin.module, walker.roots)[::-1]
    for level in Kind:
        found = walker.found.values()
        walker.visit(
            start if level is Kind.SURE else [(r.module, r.path) for r in found][::-1], level
        )
    return Walk(tuple(walker.found.values()), walker.complete)


class Walker:
    """Follows module-level imports from a stack of modules, depth first (Python's order),
    into the plugin's own files and its top-level package."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx, self.plugin = ctx, plugin
        self.roots = ctx.roots(plugin)
        self.top = plugin.module.split(".")[0]
        self.own = {ctx.index.real(p) for p in (*plugin.files, *filter(None, [plugin.module_path]))}
        self.mine_only = own_roots(ctx, plugin, self.own)  # where another package's file can be
        self.found: dict[str, Reached] = {}
        self.complete = True

    def visit(
        self, stack: list[tuple[str, Path]], level: Kind, expanded: set[str] | None = None
    ) -> None:
        """Adds to :attr:`found` what ``stack`` (popped from its end) reaches through imports
        at least as sure as ``level``; a module in ``expanded`` is not followed again. At
        :attr:`Kind.LATER` only the plugin's own files are added."""
        ctx, index = self.ctx, self.ctx.index
        expanded = set() if expanded is None else expanded
        while stack:
            module, path = stack.pop()
            if module in expanded:
                continue
            expanded.add(module)
            mine = index.real(path) in self.own
            if module not in self.found:
                if not mine and level is Kind.LATER:
                    continue  # what a function imports is followed in the plugin's files only
                if not mine and sum(not r.own for r in self.found.values()) >= CLOSURE_LIMIT:
                    self.complete = False
                    continue
                self.found[module] = Reached(module, path, level, mine)
            info = index.info(path)
            if info is None:
                continue
            pending: list[tuple[str, Path]] = []
            for name, kind in _edges(ctx, self.plugin, module, info):
                if kind > level or name in expanded:
                    continue
                searched = self.roots if name.split(".")[0] == self.top else self.mine_only
                where = index.find_module(name, searched)
                if where is None or (
                    searched is self.mine_only and index.real(where) not in self.own
                ):
                    continue
                pending.extend([*parents(index, name, searched), (name, where)])
            stack.extend(reversed(pending))


def closure(
    ctx: Context,
    plugin: Plugin,
    stack: list[tuple[str, Path]],
    seen: set[str],
    *,
    own_too: bool = False,
) -> Iterator[tuple[str, ModuleInfo]]:
    """The modules of the plugin's own package ``stack`` (popped from its end) imports, and
    what their module-level imports surely run reaches (:attr:`Kind.SURE`), outside the
    plugin's files (all of them with ``own_too``), skipping and adding to ``seen``. Depth first
    in statement order, parents first: the order Python imports them in."""
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
        for name, kind in _edges(ctx, plugin, module, info):
            if kind is not Kind.SURE or name.split(".")[0] != top or name in seen:
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

        by_name = _by_name(ctx, info, module, roots)
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
