"""PC554: a standard-library submodule read as an attribute of its package, never imported.

``import importlib`` then ``importlib.util.find_spec(...)``, ``import logging`` then
``logging.handlers.RotatingFileHandler``, ``import urllib`` then ``urllib.parse.quote``: a
package's submodule is an attribute of the package only once something imported the submodule.
The package's own ``__init__`` does not (read in the target's standard library, with the
package's modules it imports), and the plugin never does (``import importlib.util``, ``from
importlib import util``, ``from importlib.util import ...``, ``import_module("importlib.util")``
in any of its files), nor does a package it imports at module level when imported (``from
datasette import hookimpl`` loads ``urllib.parse``): it works where the host, a ``.pth``
file or another plugin imported the submodule first, and raises AttributeError where none
did. plugcheck's own processes import many such submodules, so the harness cannot tell: a
warning, from the source.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import children, is_type_checking

PC554 = rule(
    "PC554",
    "submodule-not-imported",
    Severity.WARNING,
    "The plugin reads a standard-library submodule as an attribute of its package "
    "(`importlib.util`, `logging.handlers`, `urllib.parse`) after importing only the package, "
    "and nothing in the plugin imports the submodule: it works only where another module "
    "imported it first, and raises AttributeError in a host that did not.",
)


def _imported(nodes: Iterable[ast.AST], package: str, own: str) -> set[str]:
    """Every ``package.X`` the imports among ``nodes`` name (relative ones resolved from
    ``own``, the importing module's package; every module they name for ``package`` "")."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = own.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                found.add(str(first.value))
    if not package:
        return {name for name in found if name}
    return {name for name in found if name.startswith(f"{package}.")}


def _at_load(tree: ast.Module) -> Iterator[ast.AST]:
    """The nodes a module's import runs: not the bodies of its functions (lazy imports), nor
    the body of ``if TYPE_CHECKING:`` (only type checkers run it)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        for child in children(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                stack.append(child)


def _imported_at_load(info: ModuleInfo, own: str) -> set[str]:
    """``_imported(_at_load(info.tree), "", own)``, once per module and package: the host's
    modules a plugin's imports run (``logging``'s ``__init__``) were walked again for every
    plugin. The caller must not change the set."""
    return info.derived(
        f"PC554 imported at load from {own}", lambda i: _imported(_at_load(i.tree), "", own)
    )


def _loaded_by_package(index: ModuleIndex, package: str, roots: list[Path]) -> set[str] | None:
    """The ``package.X`` submodules importing ``package`` loads: its ``__init__`` and the
    package's modules that imports when imported, followed (``None``: not a package found in
    ``roots``, or one that cannot be read)."""
    init = index.find_module(package, roots)
    if init is None or init.name != "__init__.py":
        return None
    loaded: set[str] = set()
    todo = [(package, init)]
    seen: set[Path] = set()
    while todo:
        name, path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        info = index.info(path)
        if info is None or info.tree is None:
            return None
        own = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for found in _imported(_at_load(info.tree), package, own) - loaded:
            parts = found.split(".")
            loaded.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
            where = index.find_module(found, roots)
            if where is not None:
                todo.append((found, where))
    return loaded


def _loaded_by_imports(
    index: ModuleIndex, starts: frozenset[str], wanted: frozenset[str], roots: list[Path]
) -> set[str]:
    """Those of ``wanted`` (``urllib.parse``) that importing the modules ``starts`` (a plugin's
    module-level imports) loads: their module-level imports and their parents' (``a`` and
    ``a.b`` run for ``a.b.c``), followed within the packages ``starts`` name (``from datasette
    import hookimpl`` runs datasette's ``__init__``, whose ``datasette.utils.asgi`` imports
    ``urllib.parse``), not into the libraries those import: what a plugin's own import of a
    package surely loads, found without reading a whole environment."""
    tops = {name.partition(".")[0] for name in starts}
    todo = sorted(starts)
    seen: set[str] = set()
    while todo and not wanted <= seen:
        parts = todo.pop().split(".")
        for named in (".".join(parts[:i]) for i in range(1, len(parts) + 1)):
            if named in seen:
                continue
            seen.add(named)
            path = index.find_module(named, roots) if parts[0] in tops else None
            info = index.info(path) if path is not None and path.suffix == ".py" else None
            if path is None or info is None or info.tree is None:
                continue
            own = named if path.name == "__init__.py" else named.rpartition(".")[0]
            todo.extend(_imported_at_load(info, own) - seen)
    return seen & wanted


def _bare_imports(info: ModuleInfo) -> dict[str, str]:
    """Names bound only by ``import P`` (a standard-library package, no dot), to ``P``."""
    bound: dict[str, str] = {}
    other: set[str] = set()
    for imp in info.nodes(ast.Import):
        for alias in imp.names:
            name = alias.asname or alias.name.partition(".")[0]
            if "." not in alias.name and alias.name in sys.stdlib_module_names:
                bound.setdefault(name, alias.name)
            else:
                other.add(name)
    if not bound:
        return bound
    for imp_from in info.nodes(ast.ImportFrom):
        other.update(a.asname or a.name for a in imp_from.names)
    other.update(n.id for n in info.nodes(ast.Name) if isinstance(n.ctx, ast.Store | ast.Del))
    for kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        other.update(d.name for d in info.nodes(kind))  # type: ignore[attr-defined]
    other.update(a.arg for a in info.nodes(ast.arg))
    return {name: package for name, package in bound.items() if name not in other}


_STARTUP = frozenset({"collections.abc"})
"""Submodules every interpreter has loaded before any host code runs (``typing`` and the
``site`` machinery import ``collections.abc``)."""


def _in_annotations(info: ModuleInfo, reads: list[ast.Attribute]) -> set[int]:
    """Those of ``reads`` inside annotations (not evaluated under ``from __future__ import
    annotations``, and the type checker's matter when they are), by ``id``. Only the
    annotations whose source span holds one of ``reads`` are walked: a node's span lies
    within its parent's."""
    found: list[ast.expr | None] = [a.annotation for a in info.nodes(ast.arg)]
    found += [f.returns for f in info.nodes(ast.FunctionDef)]
    found += [f.returns for f in info.nodes(ast.AsyncFunctionDef)]
    found += [a.annotation for a in info.nodes(ast.AnnAssign)]
    spans = [_span(r) for r in reads]
    inside: set[int] = set()
    for annotation in found:
        if annotation is None:
            continue
        start, end = _span(annotation)
        if any(start <= s and e <= end for s, e in spans):
            inside.update(id(n) for n in ast.walk(annotation))
    return inside & {id(r) for r in reads}


def _span(node: ast.expr) -> tuple[tuple[int, int], tuple[int, int]]:
    end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
    return (node.lineno, node.col_offset), end


@plugin_check(PC554)
def submodule_not_imported(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    infos = [(p, ctx.index.info(p)) for p in plugin.files]
    modules = [(p, i) for p, i in infos if i is not None and i.tree is not None]
    reads: list[tuple[Path, ast.Attribute, str]] = []
    for path, info in modules:
        bare = _bare_imports(info)
        if not bare:
            continue
        found = [
            node
            for node in info.nodes(ast.Attribute)
            if isinstance(node.value, ast.Name)
            and node.value.id in bare
            and not node.attr.startswith("_")
            and f"{bare[node.value.id]}.{node.attr}" not in _STARTUP
        ]
        skipped = _in_annotations(info, found) if found else set()
        for node in found:
            if id(node) not in skipped:
                assert isinstance(node.value, ast.Name)  # chosen above
                reads.append((path, node, f"{bare[node.value.id]}.{node.attr}"))
    roots = list(ctx.env.sys_path)
    # Only a submodule is reported: an attribute the package defines (`logging.getLogger`,
    # most reads) is left out before following what the plugin's imports load.
    reads = [read for read in reads if ctx.index.find_module(read[2], roots) is not None]
    if not reads:
        return
    own: set[str] = set()
    for _, info in modules:
        every = [*info.every_import, *info.nodes(ast.Call)]
        for package in {full.partition(".")[0] for _, _, full in reads}:
            own |= _imported(every, package, "")
    if wanted := frozenset(full for _, _, full in reads) - own:
        # What the plugin's own imports load when it is imported: `from datasette import
        # hookimpl` runs datasette's imports, one of which loads urllib.parse.
        starts = set()
        for _, info in modules:
            if info.tree is not None:
                starts |= _imported(_at_load(info.tree), "", plugin.module)
        where = ctx.roots(plugin)
        own |= memo(
            ctx,
            ("PC554 loaded by imports", frozenset(starts), wanted, tuple(where)),
            partial(_loaded_by_imports, ctx.index, frozenset(starts), wanted, where),
        )
    packages: dict[str, set[str] | None] = {}
    said: set[str] = set()
    for path, node, full in reads:
        package = full.partition(".")[0]
        if full in said or full in own:
            continue
        if package not in packages:
            packages[package] = memo(
                ctx,
                ("PC554 loaded by package", package, tuple(roots)),
                partial(_loaded_by_package, ctx.index, package, roots),
            )
        loaded = packages[package]
        if loaded is None or full in loaded:
            continue
        said.add(full)
        yield PC554.at(
            plugin,
            Location(path, node.lineno, node.col_offset + 1),
            f"reads {full} after `import {package}` alone: {full} is a submodule that "
            f"`import {package}` does not load and that nothing in the plugin imports, so it "
            "is there only when another module imported it first (the host, a .pth file, "
            "another plugin); in a host where none did, this raises AttributeError",
            fix=f"import the submodule itself: `import {full}`",
        )
