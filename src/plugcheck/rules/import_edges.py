"""What one module's statements import, and how surely (:class:`Kind`): the edges of the
import walk (``own_imports``) and of what a function imports later (``deferred_imports``).

``from pkg import sub`` may import the submodule ``pkg.sub``; ``importlib.import_module`` and
``__import__`` with a constant name count; ``if`` tests are decided on the target
(``sys.version_info``, ``TYPE_CHECKING``, the module's constants, a ``__main__`` guard), and a
module's body ends at a statement that always raises (``raising``); class bodies run where
their class statement does, loop bodies may not run, a function's body runs later
(:attr:`Kind.LATER`) unless the module calls it by name.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
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


def import_by_name(
    ctx: Context, info: ModuleInfo, module: str, roots: Sequence[Path]
) -> Callable[[ast.Call], str | None]:
    """Reads ``importlib.import_module(NAME)`` (any alias, a constant name, ``".x"`` anchored
    on ``__name__`` or ``__package__``) and ``__import__(NAME)`` calls in ``info``."""
    package = package_of(module, info.path)

    def read(call: ast.Call) -> str | None:
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

    return read


def edges(ctx: Context, plugin: Plugin, module: str, info: ModuleInfo) -> list[tuple[str, Kind]]:
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
            import_by_name(ctx, info, module, ctx.roots(plugin)),
            info.symbols,
            lambda stmt: always_raises(stmt, env) is not None,
            functions := {f.name: f for f in body if isinstance(f, ast.FunctionDef)},
            lines=binding_lines(info),
            spots=name_lines(info, import_names(info) | functions.keys()),
        )
        return list(reader.read(body))

    return memo(ctx, ("import edges", ctx.contract.name, plugin.key, module, info.path), read)
