"""Which of the plugin's own files the host's loading may ever run: PC110 and PC353 judge only
those. It is what importing the plugin reaches at any level (``own_imports.import_walk``, down
to :attr:`Kind.LATER`: a module only a function imports runs when the host calls it), read with
the walk's ``if`` decisions (a module only ``if sys.version_info < (3,):`` or ``if
TYPE_CHECKING:`` imports never runs), and where an import by a computed name may lead
(``computed_imports``' policy). A file nothing reaches (a test module shipped in the package, a
script) never runs in the host."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules import computed_imports
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.deferred_imports import Deferred
from plugcheck.rules.deferred_imports import later_import as own_later_import
from plugcheck.rules.import_edges import Kind
from plugcheck.rules.own_imports import Walker, import_walk, own_roots, resolved_path
from plugcheck.static.parse import dotted_name


def reachable(ctx: Context, plugin: Plugin) -> set[Path] | None:
    """The plugin's own files (resolved) that any import reachable from its module may run:
    module-level or in a function, guarded or not, outside the branches the target never
    takes. ``None`` when a reached file cannot be read: then any file may run."""
    return _memo(ctx, plugin, folders=True)[0]


def guessed(ctx: Context, plugin: Plugin) -> set[Path]:
    """The files of :func:`reachable` that only the guess for an import by a name nothing
    spells reaches (every module of the importing module's package, its tests among them):
    no import the plugin's code names runs them."""
    every, unknown = _memo(ctx, plugin, folders=True)
    if every is None or not unknown:
        return set()
    named = _memo(ctx, plugin, folders=False)[0]
    return every - named if named is not None else set()


def _memo(ctx: Context, plugin: Plugin, *, folders: bool) -> tuple[set[Path] | None, bool]:
    key = ("may run", ctx.contract.name, plugin.key, folders)
    return memo(ctx, key, lambda: _reachable(ctx, plugin, folders=folders))


def _reachable(ctx: Context, plugin: Plugin, *, folders: bool) -> tuple[set[Path] | None, bool]:
    """(the files, whether an import by a name with no known part was guessed at)."""
    if plugin.module_path is None:
        return None, False
    by_real = {ctx.index.real(p): p for p in (*plugin.files, plugin.module_path)}
    own = set(by_real)
    # The walk, continued (every level, the plugin's own files) from where a computed name
    # may lead.
    walker = Walker(ctx, plugin)
    walker.found = {r.module: r for r in import_walk(ctx, plugin).reached}
    dotted: dict[Path, str] | None = None
    unnamed: set[Path] = set()  # guessed files with no dotted name: only they run
    done: set[Path] = set()
    spelled: set[str] = set()
    scanned: set[Path] = set()
    unknown = False  # an edge with no known name: the modules reached spell the candidates

    def reached() -> set[Path]:
        return {ctx.index.real(r.path) for r in walker.found.values() if r.own} | unnamed

    def follow(files: list[Path]) -> None:
        assert dotted is not None
        for real in files:
            if (name := dotted.get(real)) is not None:
                walker.visit([(name, by_real[real])], Kind.LATER, set(walker.found))
            else:
                unnamed.add(real)

    # The guess stays an over-approximation, unlike the walk: a computed name is known only
    # when the code runs (an argument, a configuration entry), and its call may sit anywhere
    # in an expression (a return value, a dict of loaders, a comprehension), where the walk
    # reads only statements. Every import_module()/__import__ call of a reached module counts,
    # in a dead branch too, and its ends are what computed_imports' policy says they may be.
    while True:
        pending = sorted(reached() - done)
        while pending:
            real = pending.pop()
            done.add(real)
            info = ctx.index.info(by_real[real])
            if info is None:
                return None, unknown
            if None not in info.imports_by_name:
                continue
            if dotted is None:
                resolved = [
                    r for root in own_roots(ctx, plugin, own) if (r := resolved_path(ctx, root))
                ]
                dotted = computed_imports.dotted_names(own, resolved)
            module = dotted.get(real)
            for edge in computed_imports.computed_edges(info, module, real.name == "__init__.py"):
                if edge.prefix is not None:
                    prefix = edge.prefix
                    follow(
                        [
                            f
                            for f, n in dotted.items()
                            if n.startswith(prefix) or prefix.startswith(n + ".") or n == prefix
                        ]
                    )
                    continue
                unknown = True
                folder = real.parent  # the importing module's own package
                follow([f for f in own if folders and f.is_relative_to(folder)])
            pending.extend(sorted(reached() - done - set(pending)))
        if not unknown or dotted is None:
            return done, unknown
        tops = {n.partition(".")[0] for n in dotted.values()}
        for real in done - scanned:
            info = ctx.index.info(by_real[real])
            if info is not None:
                spelled |= computed_imports.spelled_names(info, tops)
        scanned |= done
        # Importing pkg.sub.mod runs pkg/sub/__init__.py too.
        heads = {name.rsplit(".", end)[0] for name in spelled for end in range(name.count(".") + 1)}
        follow([f for f, n in dotted.items() if f not in done and n in heads])
        if not reached() - done:
            return done, unknown


PATH_LOADERS = frozenset(
    {"spec_from_file_location", "run_path", "run_module", "load_source", "load_module", "exec"}
    | {"SourceFileLoader", "SourcelessFileLoader", "iter_modules", "walk_packages"}
)
"""Calls (by their last name) that may run a file by a path or a listing, not an import name."""


def never_runs(ctx: Context, plugin: Plugin, path: Path) -> bool:
    """No import of the plugin can run its file ``path`` in the host: a ``__main__.py``
    (``python -m`` runs it, an import never does), or a file :func:`reachable` leaves out (a
    test module shipped in the package, a module only a branch the target never takes
    imports) while no file it reaches loads files by path (:data:`PATH_LOADERS`). A finding
    there cannot say "the host's import fails"."""
    if path == plugin.module_path or path not in plugin.files:
        return False
    if path.name == "__main__.py":
        return True
    every = reachable(ctx, plugin)
    if every is None or ctx.index.real(path) in every:
        return False
    key = ("loads by path", ctx.contract.name, plugin.key)
    return not memo(ctx, key, lambda: _loads_by_path(ctx, plugin, every))


def _loads_by_path(ctx: Context, plugin: Plugin, every: set[Path]) -> bool:
    for path in plugin.files:
        info = ctx.index.info(path) if ctx.index.real(path) in every else None
        if info is not None and any(
            (dotted_name(call.func) or "").rpartition(".")[2] in PATH_LOADERS
            for call in info.nodes(ast.Call)
        ):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Guarded:
    """How a module of the plugin is imported when only a guarded import runs it (a ``try``
    that catches import failures, a ``with`` that may swallow them: :attr:`Kind.GUARDED`), or
    only a function's guarded or conditional import (:attr:`Kind.LATER`, not ``deferred``):
    its failure may be caught, or may never happen. A finding there is a warning."""

    module: str
    at_import: bool
    """The host's import of the plugin runs it (under the guard)."""
    uncalled: bool = True

    @property
    def step(self) -> str:
        """``import``: a real import that succeeds withdraws the finding. Where a function's
        import runs the module, that import did not run it, and the finding may stand for a
        real failure; it is withdrawn all the same, as it was when it was an error (an error
        no run could refute, on a guarded import, was noise more often than not)."""
        return "import"

    def words(self) -> str:
        if self.at_import:
            return (
                f"when the host imports the plugin, unless the plugin's guard around its "
                f"import of {self.module} (a try or with) catches it"
            )
        return (
            f"if a function's guarded or conditional import of {self.module} runs (importing "
            "the plugin does not)"
        )


def later_import(
    ctx: Context, plugin: Plugin, path: Path, *, import_error: bool
) -> Deferred | Guarded | None:
    """``deferred_imports.later_import``, and for a module only guarded imports run, when the
    failure is an ``import_error`` (ImportError, ModuleNotFoundError: what such guards catch,
    not an AttributeError), :class:`Guarded`; ``None`` for a module the host's import surely
    or conditionally runs, or that nothing imports."""
    found = own_later_import(ctx, plugin, path)
    if found is not None or path == plugin.module_path or not import_error:
        return found
    kinds = memo(
        ctx,
        ("walk kinds", ctx.contract.name, plugin.key),
        lambda: {ctx.index.real(r.path): r for r in import_walk(ctx, plugin).reached if r.own},
    )
    reached = kinds.get(ctx.index.real(path))
    if reached is None or reached.kind <= Kind.BRANCH:
        return None
    return Guarded(reached.module, reached.kind is Kind.GUARDED)
