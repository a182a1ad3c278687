"""Static type identity (docs/background.md): one API module object, imported under one name.

Two copies of the API package, or one copy imported under two module names, are two sets of
class objects: ``isinstance(obj, showcase_api.Plugin)`` in the host is false for an object whose
class came from the other copy. These rules find how a plugin could end up with such a copy.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.autofix import made
from plugcheck.autofix.imports import import_instead, retarget
from plugcheck.discovery import python_files
from plugcheck.model import (
    Applicability,
    Autofix,
    Finding,
    Location,
    Plugin,
    Related,
    Severity,
    TypeRef,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ImportRef, ModuleInfo, SymbolKind, ValueKind, dotted_name

PC351 = rule(
    "PC351",
    "vendored-api",
    Severity.ERROR,
    "The plugin ships its own copy of the API package, or imports the API through one.",
    autofix=Applicability.UNSAFE,
)
PC352 = rule(
    "PC352",
    "non-canonical-api-import",
    Severity.ERROR,
    "The plugin imports the API under another module name (src.api, a relative climb, an alias).",
    autofix=Applicability.UNSAFE,
)
PC353 = rule(
    "PC353",
    "import-path-hack",
    Severity.WARNING,
    "The plugin edits sys.path, loads API files by path, or reloads the API at run time.",
)
PC354 = rule(
    "PC354",
    "shadowed-api-type",
    Severity.ERROR,
    "The plugin defines its own copy of an API type the contract references, or subclasses one.",
    autofix=Applicability.UNSAFE,
)

_PATH_EDITS = {"sys.path.insert", "sys.path.append", "sys.path.extend", "site.addsitedir"}
_FILE_LOADERS = {
    "importlib.util.spec_from_file_location",
    "importlib.machinery.SourceFileLoader",
    "importlib.machinery.SourcelessFileLoader",
    "importlib.machinery.ExtensionFileLoader",
    "imp.load_source",
    "runpy.run_path",
}
_RELOADS = {"importlib.reload", "imp.reload"}
_DYNAMIC_IMPORTS = {"importlib.import_module", "importlib.__import__"}
_HACK_MODULES = {"sys", "site", "importlib", "imp", "runpy"}


# --- the API and the plugin's view of it ------------------------------------------------


@dataclass(slots=True)
class _Api:
    """The canonical API: its dotted name and files, and the plugin's copies of it."""

    name: str
    parts: tuple[str, ...]
    path: Path | None
    """The canonical ``__init__.py`` or module file, when it can be found."""
    files: dict[Path, str] = field(default_factory=dict)
    """Every canonical API file (resolved) -> its canonical dotted module name."""
    _seen: dict[Path, str | None] = field(default_factory=dict)

    def module_of(self, path: Path) -> str | None:
        if path not in self._seen:
            self._seen[path] = self.files.get(path.resolve())
        return self._seen[path]


def _api(ctx: Context) -> _Api | None:
    key = ("api", str(ctx.contract.source), ctx.contract.name)
    return memo(ctx, key, lambda: _find_api(ctx))


def _find_api(ctx: Context) -> _Api | None:
    name = ctx.contract.api
    if name is None:
        return None
    api = _Api(name, tuple(name.split(".")), ctx.index.find_module(name, ctx.api_roots()))
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


def _copies(ctx: Context, plugin: Plugin, api: _Api) -> dict[Path, Path]:
    def find() -> dict[Path, Path]:
        names = _api_names(ctx, api)
        return {
            root: file
            for root, file in vendored_copies(plugin, api).items()
            if _looks_like(ctx, file, names)
        }

    return memo(ctx, ("copies", str(plugin.root), api.name), find)


def _api_names(ctx: Context, api: _Api) -> frozenset[str]:
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
            or _spells(symbol.import_module or "", api.parts)
        )
    )


def _looks_like(ctx: Context, file: Path, names: frozenset[str]) -> bool:
    """A module merely named like the API (a plugin's own ``api.py``) is not a copy of it: a
    copy defines or re-exports some of the API's names."""
    if not names:
        return True
    info = ctx.index.info(file)
    return info is None or bool(info.star_imports) or not names.isdisjoint(info.symbols)


def vendored_copies(plugin: Plugin, api: _Api) -> dict[Path, Path]:
    """Copies of the API inside the plugin's tree: copy root -> the file to point at."""
    tree = plugin.own_tree
    if tree is None:
        return {}
    copies: dict[Path, Path] = {}
    width = len(api.parts)
    for file in python_files(tree):
        if file.resolve() in api.files:
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


def _shown(path: Path, plugin: Plugin) -> str:
    try:
        return path.relative_to(plugin.root).as_posix()
    except ValueError:
        return str(path)


def _inside(path: Path, roots: dict[Path, Path]) -> Path | None:
    for root in roots:
        if path == root or root in path.parents:
            return root
    return None


@dataclass(frozen=True, slots=True)
class _Target:
    """One module an import statement names, as written and where it resolves."""

    dotted: str
    path: Path | None
    ref: ImportRef
    climbs: bool = False
    """A relative import whose base lies outside the plugin's own package."""


def import_targets(ctx: Context, plugin: Plugin, info: ModuleInfo, api: _Api) -> Iterator[_Target]:
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
                yield _Target(prefix, found, ref, climbs)
            for name in ref.names:
                dotted = f"{ref.module}.{name}" if ref.module else name
                found = ctx.index.find_module(dotted, [base])
                if found is not None or not ref.module:
                    sep = "." if ref.module else ""
                    yield _Target(f"{prefix}{sep}{name}", found, ref, climbs)
            continue
        dotted_names = [ref.module, *(f"{ref.module}.{n}" for n in ref.names)]
        anywhere = any(_spells(n, api.parts) for n in dotted_names)
        local = bool(own) and ref.module.partition(".")[0] in _top_names(ctx, own[0])
        for index, dotted in enumerate(dotted_names):
            found = ctx.index.find_module(dotted, own) if local else None
            if found is None and anywhere:
                found = _find_for_host(ctx, dotted)
            if found is not None or index == 0:
                yield _Target(dotted, found, ref)


def _top_names(ctx: Context, root: Path) -> frozenset[str]:
    """Names importable from the top of ``root`` (once per run): most imports are not."""

    def scan() -> frozenset[str]:
        try:
            return frozenset(p.name.partition(".")[0] for p in root.iterdir())
        except OSError:
            return frozenset()

    return memo(ctx, ("top-names", str(root)), scan)


def _find_for_host(ctx: Context, dotted: str) -> Path | None:
    """``dotted`` where the host looks (its paths, then its root), once per run."""
    key = ("find", str(ctx.contract.source), ctx.contract.name, dotted)
    roots = [*ctx.api_roots(), ctx.contract.root]
    return memo(ctx, key, lambda: ctx.index.find_module(dotted, roots))


def _spells(dotted: str, parts: tuple[str, ...]) -> bool:
    """Whether the dotted name has the API's name in it, at any position."""
    names = dotted.lstrip(".").split(".")
    width = len(parts)
    return any(tuple(names[i : i + width]) == parts for i in range(len(names) - width + 1))


def _own_files(plugin: Plugin, copies: dict[Path, Path], api: _Api | None) -> list[Path]:
    """The plugin's own code: not its copies of the API, not the API's files under an alias."""
    return [
        f
        for f in plugin.files
        if _inside(f, copies) is None and (api is None or api.module_of(f) is None)
    ]


# --- PC351 / PC352: copies and other names ----------------------------------------------


@plugin_check(PC351, PC352)
def copies_and_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = _api(ctx)
    if api is None:
        return
    copies = _copies(ctx, plugin, api)
    reached: set[Path] = set()
    for path in _own_files(plugin, copies, api):
        info = ctx.index.info(path)
        if info is None:
            continue
        flagged: set[int] = set()
        for target in import_targets(ctx, plugin, info, api):
            ref = target.ref
            if ref.line in flagged:
                continue
            where = Location(path, ref.line, ref.col)
            copy = _inside(target.path, copies) if target.path else None
            if copy is not None:
                flagged.add(ref.line)
                reached.add(copy)
                yield PC351.at(
                    plugin,
                    where,
                    f"imports {target.dotted}, a vendored copy of {api.name} inside the plugin; "
                    f"its classes are not the host's, so isinstance(obj, {api.name}.<Type>) "
                    "fails in the host",
                    fix=f"delete the copy and import {api.name} itself (declare the API "
                    "distribution as a dependency)",
                    related=[Related(Location(copies[copy]), f"the vendored copy of {api.name}")],
                    autofix=_retargeted(
                        where,
                        target.dotted,
                        _in_copy(copy, target.path, api) if target.path else None,
                        f"; the copy at {_shown(copy, plugin)} is then unused: delete it",
                    ),
                )
                continue
            problem = _other_name(api, target)
            if problem is not None:
                flagged.add(ref.line)
                related = (
                    [Related(Location(target.path), f"the host's {api.name}")]
                    if target.path is not None and api.module_of(target.path)
                    else []
                )
                yield PC352.at(
                    plugin,
                    where,
                    problem,
                    fix=f"import it by its own name: `import {api.name}` / "
                    f"`from {api.name} import ...`",
                    related=related,
                    autofix=_retargeted(where, target.dotted, _canonical(api, target), ""),
                )
    for copy, file in sorted(copies.items()):
        if copy in reached:
            continue
        yield PC351.at(
            plugin,
            Location(file, 1),
            f"the plugin ships a copy of {api.name} at {_shown(copy, plugin)}; "
            f"whichever code imports it gets classes that are not the host's, and "
            f"isinstance(obj, {api.name}.<Type>) fails in the host",
            fix=f"delete the copy and depend on the API distribution; import {api.name}",
        )


def _retargeted(where: Location, written: str, canonical: str | None, then: str) -> Autofix | None:
    if canonical is None:
        return None
    message = f"import {canonical} instead of {written}{then}"
    return made(lambda: retarget(where.path, where.line, written, canonical, message))


def _imported(path: Path, line: int, name: str, api: str) -> Autofix | None:
    message = f"replace it by `from {api} import {name}`"
    return made(lambda: import_instead(path, line, name, api, message))


def _in_copy(copy: Path, path: Path, api: _Api) -> str | None:
    """The API module that ``path`` (inside the vendored ``copy``) is a copy of."""
    if copy.suffix == ".py":
        return api.name if path == copy else None
    try:
        parts = path.relative_to(copy).with_suffix("").parts
    except ValueError:
        return None
    return ".".join((api.name, *(parts[:-1] if parts[-1:] == ("__init__",) else parts)))


def _canonical(api: _Api, target: _Target) -> str | None:
    """The API's own name for the module ``target`` reaches under another name."""
    if target.path is not None and (module := api.module_of(target.path)) is not None:
        return module
    written = target.dotted.lstrip(".").split(".")
    width = len(api.parts)
    for i in range(len(written) - width + 1):
        if tuple(written[i : i + width]) == api.parts:
            return ".".join(written[i:])
    return None


def _other_name(api: _Api, target: _Target) -> str | None:
    """Why ``target`` reaches the API under a name that is not the API's, or ``None``."""
    canonical = api.module_of(target.path) if target.path is not None else None
    dotted = target.dotted
    written = dotted.lstrip(".").split(".")
    if canonical is not None and canonical != dotted:
        return (
            f"imports {dotted}, which is the host's {canonical} under another module name; "
            f"Python loads it a second time, and its classes fail isinstance checks against "
            f"the host's {api.name}"
        )
    if canonical is not None:
        return None
    width = len(api.parts)
    hits = [
        i
        for i in range(len(written) - width + 1)
        if tuple(written[i : i + width]) == api.parts and (i > 0 or target.climbs)
    ]
    if hits and target.path is None:
        how = "a relative import climbing out of the plugin" if dotted.startswith(".") else dotted
        return (
            f"imports the API as {dotted} ({how}); it only resolves through a path hack, and "
            f"gives a second module object beside the host's {api.name}, whose classes fail "
            "isinstance checks"
        )
    return None


# --- PC353: path hacks -------------------------------------------------------------------


class _Names:
    """Qualified names of a module's bindings, following aliases and plugin re-exports."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx = ctx
        self.plugin = plugin
        self.files = set(plugin.files)
        self._aliases: dict[Path, dict[str, tuple[str, int, Path]]] = {}

    def aliases(self, info: ModuleInfo) -> dict[str, tuple[str, int, Path]]:
        """local name -> (dotted target, relative level, module path), from every import."""
        found = self._aliases.get(info.path)
        if found is not None or info.tree is None:
            return found or {}
        found = {}
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        found[alias.asname] = (alias.name, 0, info.path)
                    else:
                        top = alias.name.partition(".")[0]
                        found.setdefault(top, (top, 0, info.path))
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name != "*":
                        target = f"{node.module}.{alias.name}" if node.module else alias.name
                        found[alias.asname or alias.name] = (target, node.level, info.path)
        self._aliases[info.path] = found
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


def _may_hack(info: ModuleInfo, plugin: Plugin) -> bool:
    """Cheap pre-check: a hack needs sys/site/importlib/imp/runpy, directly or re-exported by
    another module of the plugin."""
    own = plugin.module.partition(".")[0]
    return any(
        ref.level or ref.module.partition(".")[0] in _HACK_MODULES | {own} for ref in info.imports
    )


def _mentions_api(call: ast.Call, api: _Api) -> bool:
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for node in ast.walk(arg):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if text == api.name or text.startswith(api.name + "."):
                return True
            pieces = text.replace("\\", "/").split("/")
            if any(api.parts[-1] in (p, p.removesuffix(".py")) for p in pieces):
                return True
    return False


@plugin_check(PC353, PC352)
def path_hacks(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = _api(ctx)
    copies = _copies(ctx, plugin, api) if api else {}
    names = _Names(ctx, plugin)
    for path in _own_files(plugin, copies, api):
        info = ctx.index.info(path)
        if info is None or info.tree is None or not _may_hack(info, plugin):
            continue
        for node in ast.walk(info.tree):
            message = None
            if isinstance(node, ast.Call):
                func = names.qualify(info, node.func)
                dynamic = _dynamic_import(node, func, api)
                if dynamic is not None:
                    yield PC352.at(
                        plugin,
                        Location(path, node.lineno, node.col_offset + 1),
                        f"imports the API as {dynamic!r} with {func}(); that is another module "
                        f"object beside the host's {api.name if api else ''}, whose classes "
                        "fail isinstance checks",
                        fix=f"import it by its own name: {func}({api.name if api else ''!r})",
                    )
                    continue
                message = _hack(names, info, node, func, api)
            elif isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    base = target.value if isinstance(target, ast.Subscript) else target
                    qualified = names.qualify(info, base)
                    if qualified == "sys.path":
                        message = (
                            "rebinds sys.path at run time; modules the host already imported "
                            "can be imported a second time from the new directories"
                        )
                    elif qualified == "sys.modules" and isinstance(target, ast.Subscript):
                        message = (
                            "puts a module into sys.modules by hand; an import of that name "
                            "then returns this object, whatever the host imported under it"
                        )
            if message is None or not isinstance(node, ast.stmt | ast.expr):
                continue
            yield PC353.at(
                plugin,
                Location(path, node.lineno, node.col_offset + 1),
                message,
                fix="install the plugin and the API as distributions and use plain imports"
                + (f" of {api.name}" if api else ""),
            )


def _dynamic_import(call: ast.Call, func: str | None, api: _Api | None) -> str | None:
    """``importlib.import_module("src.api")``: the API by another absolute name, or ``None``."""
    if api is None or func not in _DYNAMIC_IMPORTS or not call.args:
        return None
    arg = call.args[0]
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return None
    dotted = arg.value
    if dotted.startswith(".") or dotted == api.name or dotted.startswith(api.name + "."):
        return None
    return dotted if _spells(dotted, api.parts) else None


def _hack(
    names: _Names, info: ModuleInfo, call: ast.Call, func: str | None, api: _Api | None
) -> str | None:
    if func in _PATH_EDITS:
        return (
            f"calls {func}() at run time; a directory put on sys.path can make the API (or the "
            "plugin) importable under a second name, and two module objects mean two sets of "
            "classes"
        )
    if api is None:
        return None
    if func in _FILE_LOADERS and _mentions_api(call, api):
        return (
            f"loads {api.name} files by path with {func}(); the module it creates is not the "
            f"host's {api.name}, and its classes fail isinstance checks in the host"
        )
    if func in _RELOADS and call.args:
        target = names.qualify(info, call.args[0])
        if target and (target == api.name or target.startswith(api.name + ".")):
            return (
                f"reloads {target} with {func}(); every API class is created again, and objects "
                "built before the reload fail isinstance checks against the new classes"
            )
    return None


# --- PC354: local copies of API types ---------------------------------------------------


def referenced_types(ctx: Context, api: _Api) -> dict[str, Location]:
    """API types the contract names, plus the API types their aliases are built from."""
    refs: list[TypeRef] = [e.type for e in ctx.contract.exports if e.type is not None]
    if ctx.contract.lifecycle and ctx.contract.lifecycle.protocol:
        refs.append(ctx.contract.lifecycle.protocol)
    wanted = [r.name for r in refs if r.module == api.name and "." not in r.name]
    if api.path is None:
        return {}
    info = ctx.index.info(api.path)
    if info is None:
        return {}
    found: dict[str, Location] = {}
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        resolved = ctx.index.resolve(info, name, ctx.api_roots())
        if not isinstance(resolved, Resolved) or api.module_of(resolved.module.path) is None:
            continue
        symbol = resolved.symbol
        if symbol.kind not in (SymbolKind.CLASS, SymbolKind.ASSIGN):
            continue
        found[name] = Location(resolved.module.path, symbol.line, symbol.col)
        if symbol.kind is SymbolKind.ASSIGN:
            wanted.extend(_names_in_assignment(resolved.module, name))
    return found


def _names_in_assignment(info: ModuleInfo, name: str) -> list[str]:
    if info.tree is None:
        return []
    names: list[str] = []
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            names.extend(n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name))
    return names


@plugin_check(PC354)
def shadowed_types(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = _api(ctx)
    if api is None:
        return
    types = memo(
        ctx,
        ("types", str(ctx.contract.source), ctx.contract.name),
        lambda: referenced_types(ctx, api),
    )
    if not types:
        return
    copies = _copies(ctx, plugin, api)
    names = _Names(ctx, plugin)
    own = _own_files(plugin, copies, api)
    shadows: dict[tuple[Path, str], Location] = {}
    for path in own:
        info = ctx.index.info(path)
        if info is None:
            continue
        for symbol in info.symbols.values():
            if symbol.name not in types or symbol.kind not in (SymbolKind.CLASS, SymbolKind.ASSIGN):
                continue
            real = f"{api.name}.{symbol.name}"
            if symbol.kind is SymbolKind.CLASS:
                bases = {names.qualify_name(info, b) for b in symbol.bases}
                if any(b == real or b.endswith("." + real) for b in bases):
                    continue  # a subclass of the host's class keeps its identity
                what = f"class {symbol.name}"
            else:
                value = names.qualify_name(info, symbol.value_name) if symbol.value_name else None
                if symbol.value_kind is ValueKind.NAME and value and value.startswith(api.name):
                    continue  # an alias of the API's own object
                what = f"{symbol.name} = ..."
            location = Location(path, symbol.line, symbol.col, symbol.end_line, symbol.end_col)
            shadows[(path, symbol.name)] = location
            yield PC354.at(
                plugin,
                location,
                f"{what} shadows {real}, which the {ctx.contract.name!r} contract references; "
                f"the host checks against its own {symbol.name}, so objects typed with this "
                "copy fail isinstance checks and type checks",
                fix=f"delete it and use `from {api.name} import {symbol.name}`",
                related=[Related(types[symbol.name], f"the host's {symbol.name}")],
                autofix=_imported(path, symbol.line, symbol.name, api.name),
            )
    if not shadows:
        return
    roots = ctx.roots(plugin)
    for path in own:
        info = ctx.index.info(path)
        if info is None:
            continue
        for symbol in info.symbols.values():
            if symbol.kind is not SymbolKind.CLASS or (path, symbol.name) in shadows:
                continue
            for base in symbol.bases:
                found = ctx.index.resolve(info, base.partition(".")[0], roots)
                if not isinstance(found, Resolved) or "." in base:
                    continue
                key = (found.module.path, found.symbol.name)
                if key not in shadows:
                    continue
                yield PC354.at(
                    plugin,
                    Location(path, symbol.line, symbol.col, symbol.end_line, symbol.end_col),
                    f"class {symbol.name} subclasses {found.symbol.name}, the plugin's own copy "
                    f"of {api.name}.{found.symbol.name}; its instances are not instances of the "
                    "host's class",
                    fix=f"subclass (or implement) {api.name}.{found.symbol.name} itself",
                    related=[Related(shadows[key], "the local copy")],
                )
