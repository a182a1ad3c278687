"""The canonical API (its name and files) and the plugin's view of it: its copies, the modules
its imports reach."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.autofix import made
from plugcheck.discovery.source_files import python_files
from plugcheck.model import (
    Autofix,
    Plugin,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.static.parse import ImportRef, ModuleInfo, SymbolKind, dotted_name


@dataclass(slots=True)
class Api:
    """The canonical API: its dotted name and files, and the plugin's copies of it."""

    name: str
    parts: tuple[str, ...]
    path: Path | None
    """The canonical ``__init__.py`` or module file, when it can be found."""
    files: dict[Path, str] = field(default_factory=dict)
    """Every canonical API file (resolved) -> its canonical dotted module name."""
    real: Callable[[Path], Path] = Path.resolve
    """``Path.resolve``; the run's index's, once per path for every rule that asks."""
    _seen: dict[Path, str | None] = field(default_factory=dict)

    def module_of(self, path: Path) -> str | None:
        """The canonical dotted name of the API module at ``path`` (``None``: not the API's)."""
        if path not in self._seen:
            self._seen[path] = self.files.get(self.real(path))
        return self._seen[path]


def api_of(ctx: Context) -> Api | None:
    key = ("api", str(ctx.contract.source), ctx.contract.name)
    return memo(ctx, key, lambda: _find_api(ctx))


def _find_api(ctx: Context) -> Api | None:
    name = ctx.contract.api
    if name is None:
        return None
    found = ctx.index.find_module(name, ctx.api_roots())
    api = Api(name, tuple(name.split(".")), found, real=ctx.index.real)
    if api.path is None:
        return api
    if api.path.name == "__init__.py":
        package = api.path.parent
        for file in sorted(package.rglob("*.py*")):
            if file.suffix not in (".py", ".pyi") or "__pycache__" in file.parts:
                continue
            rel = file.relative_to(package).with_suffix("").parts
            rel = rel[:-1] if rel and rel[-1] == "__init__" else rel
            api.files[file.resolve()] = ".".join((name, *rel))
    else:
        api.files[api.path.resolve()] = name
    return api


def copies_of(ctx: Context, plugin: Plugin, api: Api) -> dict[Path, Path]:
    def find() -> dict[Path, Path]:
        names = api_names(ctx, api)
        return {
            root: file
            for root, file in vendored_copies(plugin, api).items()
            if looks_like(ctx, file, names)
        }

    return memo(ctx, ("copies", str(plugin.root), api.name), find)


def api_names(ctx: Context, api: Api) -> frozenset[str]:
    """Public names the canonical API module defines (empty: the API cannot be read)."""
    info = ctx.index.info(api.path) if api.path else None
    if info is None:
        return frozenset()
    if info.all_names and not info.all_dynamic:
        return frozenset(info.all_names)
    return frozenset(
        name
        for name, symbol in info.symbols.items()
        if not name.startswith("_")
        and (
            symbol.kind in (SymbolKind.CLASS, SymbolKind.ASSIGN)
            or symbol.import_level > 0
            or spells(symbol.import_module or "", api.parts)
        )
    )


def looks_like(ctx: Context, file: Path, names: frozenset[str]) -> bool:
    """A module merely named like the API (a plugin's own ``api.py``) is not a copy of it: a
    copy defines or re-exports some of the API's names."""
    if not names:
        return True
    info = ctx.index.info(file)
    return info is None or bool(info.star_imports) or not names.isdisjoint(info.symbols)


def vendored_copies(plugin: Plugin, api: Api) -> dict[Path, Path]:
    """Copies of the API inside the plugin's tree: copy root -> the file to point at."""
    tree = plugin.own_tree
    if tree is None:
        return {}
    copies: dict[Path, Path] = {}
    width = len(api.parts)
    for file in python_files(tree):
        if api.module_of(file) is not None:
            continue
        parts = file.relative_to(tree).with_suffix("").parts
        for start in range(len(parts) - width + 1):
            if parts[start : start + width] != api.parts:
                continue
            end = start + width
            root = tree.joinpath(*parts[:end])
            root = root if end < len(parts) else root.with_suffix(".py")
            if file.name == "__init__.py" and end == len(parts) - 1:
                root = file.parent
            current = copies.get(root)
            if current is None or file.name == "__init__.py" or file == root:
                copies[root] = file
            break
    return copies


def shown_path(path: Path, plugin: Plugin) -> str:
    try:
        return path.relative_to(plugin.root).as_posix()
    except ValueError:
        return str(path)


def inside(path: Path, roots: dict[Path, Path]) -> Path | None:
    for root in roots:
        if path == root or root in path.parents:
            return root
    return None


@dataclass(frozen=True, slots=True)
class ImportTarget:
    """One module an import statement names, as written and where it resolves."""

    dotted: str
    path: Path | None
    ref: ImportRef
    climbs: bool = False
    """A relative import whose base lies outside the plugin's own package."""


def import_targets(
    ctx: Context, plugin: Plugin, info: ModuleInfo, api: Api
) -> Iterator[ImportTarget]:
    """What each import names. Absolute imports are looked up in the plugin's own root (its
    copies, its aliases) and, when they spell the API's name, everywhere the host looks."""
    own = [plugin.import_root] if plugin.import_root else []
    package = own[0] / plugin.module.partition(".")[0] if own else None
    for ref in info.imports:
        if ref.level:
            base = info.path.parent
            for _ in range(ref.level - 1):
                base = base.parent
            prefix = "." * ref.level + ref.module
            climbs = package is not None and base != package and package not in base.parents
            if ref.module:
                found = ctx.index.find_module(ref.module, [base])
                yield ImportTarget(prefix, found, ref, climbs)
            for name in ref.names:
                dotted = f"{ref.module}.{name}" if ref.module else name
                found = ctx.index.find_module(dotted, [base])
                if found is not None or not ref.module:
                    sep = "." if ref.module else ""
                    yield ImportTarget(f"{prefix}{sep}{name}", found, ref, climbs)
            continue
        dotted_names = [ref.module, *(f"{ref.module}.{n}" for n in ref.names)]
        anywhere = any(spells(n, api.parts) for n in dotted_names)
        local = bool(own) and ref.module.partition(".")[0] in top_names(ctx, own[0])
        for index, dotted in enumerate(dotted_names):
            found = ctx.index.find_module(dotted, own) if local else None
            if found is None and anywhere:
                found = find_for_host(ctx, dotted)
            if found is not None or index == 0:
                yield ImportTarget(dotted, found, ref)


def top_names(ctx: Context, root: Path) -> frozenset[str]:
    """Names importable from the top of ``root`` (once per run): most imports are not."""

    def scan() -> frozenset[str]:
        try:
            return frozenset(p.name.partition(".")[0] for p in root.iterdir())
        except OSError:
            return frozenset()

    return memo(ctx, ("top-names", str(root)), scan)


def find_for_host(ctx: Context, dotted: str) -> Path | None:
    """``dotted`` where the host looks (its paths, then its root), once per run."""
    key = ("find", str(ctx.contract.source), ctx.contract.name, dotted)
    roots = [*ctx.api_roots(), ctx.contract.root]
    return memo(ctx, key, lambda: ctx.index.find_module(dotted, roots))


def spells(dotted: str, parts: tuple[str, ...]) -> bool:
    """Whether the dotted name has the API's name in it, at any position."""
    names = dotted.lstrip(".").split(".")
    width = len(parts)
    return any(tuple(names[i : i + width]) == parts for i in range(len(names) - width + 1))


def own_files(plugin: Plugin, copies: dict[Path, Path], api: Api | None) -> list[Path]:
    """The plugin's own code: not its copies of the API, not the API's files under an alias."""
    return [
        f
        for f in plugin.files
        if inside(f, copies) is None and (api is None or api.module_of(f) is None)
    ]


def import_fix(path: Path, line: int, name: str, api: str) -> Autofix | None:
    message = f"replace it by `from {api} import {name}`"
    # libcst loads with the first fix made: a third of plugcheck's start-up otherwise
    from plugcheck.autofix.imports import import_instead

    return made(lambda: import_instead(path, line, name, api, message))


class Names:
    """Qualified names of a module's bindings, following aliases and plugin re-exports."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx = ctx
        self.plugin = plugin
        self.files = set(plugin.files)
        self._aliases: dict[Path, dict[str, tuple[str, int, Path]]] = {}

    def aliases(self, info: ModuleInfo) -> dict[str, tuple[str, int, Path]]:
        """local name -> (dotted target, relative level, module path), from every import."""
        found = self._aliases.get(info.path)
        if found is None:
            # Once per tree, not once per Names (each plugin's checks make their own): walking
            # whole trees for their imports was a third of PC353 on IPython's extensions.
            found = self._aliases[info.path] = info.derived("import aliases", _aliases)
        return found

    def qualify(self, info: ModuleInfo, expr: ast.expr, depth: int = 0) -> str | None:
        name = dotted_name(expr)
        return self.qualify_name(info, name, depth) if name else None

    def qualify_name(self, info: ModuleInfo, name: str, depth: int = 0) -> str:
        head, _, rest = name.partition(".")
        entry = self.aliases(info).get(head)
        if entry is None:
            return name
        target, level, path = entry
        full = f"{target}.{rest}" if rest else target
        if depth > 8:
            return full
        base = path.parent
        for _ in range(max(level - 1, 0)):
            base = base.parent
        roots = [base] if level else [r for r in [self.plugin.import_root] if r]
        # A module of the plugin (`from . import compat`, then `compat.reload(...)`): go on in it.
        module_file = self.ctx.index.find_module(target, roots) if roots else None
        if rest and module_file is not None and module_file in self.files:
            inner = self.ctx.index.info(module_file)
            if inner is not None:
                return self.qualify_name(inner, rest, depth + 1)
        # A name re-exported by another module of the plugin: follow it there.
        module, _, attr = target.rpartition(".")
        found = self.ctx.index.find_module(module, roots) if module and roots else None
        if module == "" and level:
            found = base / "__init__.py"
        if found is not None and found in self.files and found != info.path:
            inner = self.ctx.index.info(found)
            if inner is not None and attr in self.aliases(inner):
                resolved = self.qualify_name(inner, attr, depth + 1)
                return f"{resolved}.{rest}" if rest else resolved
        if level:
            return "." * level + full
        return full


def _aliases(info: ModuleInfo) -> dict[str, tuple[str, int, Path]]:
    found: dict[str, tuple[str, int, Path]] = {}
    for node in info.every_import:  # in ast.walk's order: a later import of a name wins
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = (alias.name, 0, info.path)
                else:
                    top = alias.name.partition(".")[0]
                    found.setdefault(top, (top, 0, info.path))
        else:
            for alias in node.names:
                if alias.name != "*":
                    target = f"{node.module}.{alias.name}" if node.module else alias.name
                    found[alias.asname or alias.name] = (target, node.level, info.path)
    return found
