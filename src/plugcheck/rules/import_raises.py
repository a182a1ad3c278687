"""PC515: a statement the host's import of the plugin always runs always raises.

Only what is certain is judged: statements directly at the top level of the plugin's module and
of the plugin's own modules its import surely runs (``own_imports.loaded``; no ``try``,
``with``, loop or function around them; an ``if`` or ``assert`` only when the target decides
its test), and among those a
``raise``, or an expression built only from literals that raises when evaluated
(``{}["missing"]``, ``(1, 2)[5]``, ``1 / 0``). PC110 warns about any import-time work; this rule
is the error for work that cannot succeed."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules import computed_imports
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.literal_names import literal_names
from plugcheck.rules.none_at_import import none_uses
from plugcheck.rules.own_imports import loaded, own_roots, resolved_path
from plugcheck.rules.raising import Names, always_raises

PC515 = rule(
    "PC515",
    "import-always-raises",
    Severity.ERROR,
    "A statement that runs whenever the host imports the plugin always raises: the import "
    "fails every time.",
    explains=("PC401",),
)


# --- which files the host's import runs -------------------------------------------------


def _module_file(ctx: Context, base: Path) -> Path | None:
    if ctx.index.is_file(base / "__init__.py"):
        return base / "__init__.py"
    if ctx.index.is_file(base.with_suffix(".py")):
        return base.with_suffix(".py")
    return None


def _imported(roots: list[Path], ctx: Context, path: Path, stmt: ast.stmt) -> Iterator[Path]:
    """The files of ``roots`` a top-level import statement in ``path`` runs."""
    match stmt:
        case ast.Import():
            for alias in stmt.names:
                parts = alias.name.split(".")
                for end in range(1, len(parts) + 1):
                    found = ctx.index.find_module(".".join(parts[:end]), roots)
                    if found is not None:
                        yield found
        case ast.ImportFrom() if stmt.level:
            base = path.parent
            for _ in range(stmt.level - 1):
                base = base.parent
            for part in (stmt.module or "").split(".") if stmt.module else []:
                base = base / part
                if (found := _module_file(ctx, base)) is not None:
                    yield found
            for alias in stmt.names:
                if (
                    alias.name != "*"
                    and (found := _module_file(ctx, base / alias.name)) is not None
                ):
                    yield found  # `from . import sub` imports the submodule
        case ast.ImportFrom() if stmt.module:
            parts = stmt.module.split(".")
            for end in range(1, len(parts) + 1):
                found = ctx.index.find_module(".".join(parts[:end]), roots)
                if found is not None:
                    yield found


def imported_files(ctx: Context, plugin: Plugin, path: Path, stmt: ast.stmt) -> Iterator[Path]:
    """The files of the plugin's import roots a top-level import statement in ``path`` runs,
    the imported module last."""
    return _imported(ctx.roots(plugin), ctx, path, stmt)


@plugin_check(PC515)
def import_always_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        literal = literal_names(info)
        on_none = none_uses(info)
        names: Names = {}
        for top in info.tree.body:
            found: tuple[str, ast.stmt | ast.expr] | None = always_raises(
                top, ctx.env, names, info
            ) or on_none.get(id(top))
            if isinstance(top, ast.Assign) and any(top is a for a in literal.values()):
                target = top.targets[0]
                assert isinstance(target, ast.Name)
                names[target.id] = top.value  # read by the statements after it
            if found is None:
                continue
            why, stmt = found
            yield PC515.at(
                plugin,
                Location(
                    path, stmt.lineno, 1 if isinstance(stmt, ast.expr) else stmt.col_offset + 1
                ),
                f"{why}: it runs whenever the host imports {plugin.module}, so the import "
                "always fails",
                fix="do not raise at import time: move the check into a function the host "
                "calls (init(), a hook), or fix the expression",
            )
            break  # the import stops at the first statement that raises


def reachable(ctx: Context, plugin: Plugin) -> set[Path] | None:
    """The plugin's own files (resolved) that any import reachable from its module imports:
    module-level or in a function, guarded or not. An import by a computed name
    (``importlib.import_module(name)``) is one edge whose ends are guessed as
    :mod:`plugcheck.rules.computed_imports` states. ``None`` when a reached file cannot be read:
    then any file may run. A file no import reaches (a test module shipped in the package)
    never runs when the host loads the plugin."""
    return memo(ctx, ("reachable", ctx.contract.name, plugin.key), lambda: _reachable(ctx, plugin))


def guessed(ctx: Context, plugin: Plugin) -> set[Path]:
    """The files of :func:`reachable` that only the guess for an import by a name nothing
    spells reaches (every module of the importing module's package, its tests among them):
    no import the plugin's code names runs them."""
    every = reachable(ctx, plugin)
    if every is None:
        return set()
    named = memo(
        ctx,
        ("reachable-named", ctx.contract.name, plugin.key),
        lambda: _reachable(ctx, plugin, folders=False),
    )
    return every - named if named is not None else set()


def _reachable(ctx: Context, plugin: Plugin, *, folders: bool = True) -> set[Path] | None:
    if plugin.module_path is None:
        return None
    by_real = {ctx.index.real(p): p for p in (*plugin.files, plugin.module_path)}
    own = set(by_real)
    roots = own_roots(ctx, plugin, own)
    dotted: dict[Path, str] | None = None
    spelled: set[str] = set()
    scanned: set[Path] = set()
    queue = [plugin.module_path, *_parents(ctx, plugin)]
    seen: set[Path] = set()
    unknown = False  # an edge with no known name: the modules reached spell the candidates
    while True:
        while queue:
            path = queue.pop()
            real = ctx.index.real(path)
            if real in seen or real not in own:
                continue
            seen.add(real)
            info = ctx.index.info(path)
            if info is None:
                return None
            for node in info.every_import:
                queue.extend(_imported(roots, ctx, path, node))
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    queue.extend(  # `from pkg import sub` imports the submodule pkg.sub
                        found
                        for alias in node.names
                        if (found := ctx.index.find_module(f"{node.module}.{alias.name}", roots))
                    )
            for name in info.imports_by_name:
                if name is not None and (found := ctx.index.find_module(name, roots)) is not None:
                    queue.append(found)
            if None not in info.imports_by_name:
                continue
            if dotted is None:
                resolved = [r for root in roots if (r := resolved_path(ctx, root)) is not None]
                dotted = computed_imports.dotted_names(own, resolved)
            module = dotted.get(real)
            for edge in computed_imports.computed_edges(info, module, real.name == "__init__.py"):
                if edge.prefix is not None:
                    prefix = edge.prefix
                    queue.extend(
                        by_real[f]
                        for f, n in dotted.items()
                        if n.startswith(prefix) or prefix.startswith(n + ".") or n == prefix
                    )
                    continue
                unknown = True
                folder = real.parent  # the importing module's own package
                queue.extend(by_real[f] for f in own if folders and f.is_relative_to(folder))
        if not unknown or dotted is None:
            return seen
        tops = {n.partition(".")[0] for n in dotted.values()}
        for real in seen - scanned:
            info = ctx.index.info(by_real[real])
            if info is not None:
                spelled |= computed_imports.spelled_names(info, tops)
        scanned |= seen
        # Importing pkg.sub.mod runs pkg/sub/__init__.py too.
        heads = {name.rsplit(".", end)[0] for name in spelled for end in range(name.count(".") + 1)}
        queue.extend(by_real[f] for f, n in dotted.items() if f not in seen and n in heads)
        if not any(ctx.index.real(p) not in seen for p in queue):
            return seen


def _parents(ctx: Context, plugin: Plugin) -> list[Path]:
    """Importing pkg.sub.mod runs pkg/__init__.py and pkg/sub/__init__.py first."""
    if plugin.import_root is None or "." not in plugin.module:
        return []
    parts = plugin.module.split(".")[:-1]
    return [
        found
        for end in range(1, len(parts) + 1)
        if (found := _module_file(ctx, plugin.import_root.joinpath(*parts[:end]))) is not None
    ]
