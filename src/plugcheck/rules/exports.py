"""Rules about the symbols a plugin must export (Go's ``plugin.Lookup``; docs/background.md)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from plugcheck.autofix import made
from plugcheck.model import (
    Applicability,
    Autofix,
    Export,
    Finding,
    Location,
    Plugin,
    Severity,
)
from plugcheck.namespace_folders import no_module
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.class_members import class_has
from plugcheck.rules.entry_points import LOAD
from plugcheck.rules.export_kinds import mismatch
from plugcheck.rules.lazy_exports import lazy_failure
from plugcheck.rules.replaced_module import replacement
from plugcheck.static.index import External, Resolved
from plugcheck.static.kept import only_dead
from plugcheck.static.module_getattr import answered_names
from plugcheck.static.parse import ModuleInfo, Symbol, SymbolKind
from plugcheck.static.self_binding import self_bound

PC101 = rule(
    "PC101",
    "missing-export",
    Severity.ERROR,
    "A symbol the contract requires is not defined by the plugin module.",
    overruled_by="lookup",  # the harness found every required export on the imported module
)
PC102 = rule(
    "PC102",
    "private-export",
    Severity.ERROR,
    "A required symbol exists only under a private name (leading underscore).",
    autofix=Applicability.UNSAFE,
)
PC103 = rule(
    "PC103",
    "export-not-in-all",
    Severity.WARNING,
    "A required symbol is defined but left out of the module's `__all__`.",
    autofix=Applicability.SAFE,
)
PC104 = rule(
    "PC104",
    "export-wrong-kind",
    Severity.ERROR,
    "A required symbol is bound to something of the wrong kind (a literal, a class, a function).",
)
PC105 = rule(
    "PC105",
    "no-versioned-export",
    Severity.ERROR,
    "None of the versioned names of an export (e.g. register_v2, register_v1) is defined.",
)
PC106 = rule(
    "PC106",
    "older-versioned-export",
    Severity.INFO,
    "Only an older version of a versioned export is defined; the host falls back to it.",
)
PC107 = rule(
    "PC107",
    "unknown-newer-versioned-export",
    Severity.WARNING,
    "Only a version newer than any the host knows is defined; the host will not find it.",
)


def _at(info: ModuleInfo, symbol: Symbol) -> Location:
    return Location(info.path, symbol.line, symbol.col, symbol.end_line, symbol.end_col)


def _top(plugin: Plugin) -> Location:
    assert plugin.module_path is not None
    return Location(plugin.module_path, 1, 1)


def _dynamic_module(info: ModuleInfo, name: str) -> bool:
    """A module-level ``__getattr__`` (PEP 562) can provide any name at run time, an
    ``exec(source)`` in the module's namespace can bind any, and the module may bind ``name``
    on its own module object (``static.self_binding``: ``setattr(sys.modules[__name__], ...)``,
    a ``ModuleType`` subclass as its ``__class__``, ``globals()["name"] = ...``)."""
    if "__getattr__" in info.symbols or _execs(info):
        return True
    bound = self_bound(info)
    return bound is None or name in bound


def _served_by_source(ctx: Context, plugin: Plugin, info: ModuleInfo, name: str) -> bool:
    """``from .impl import name`` where ``impl`` does not bind ``name`` but its PEP 562
    ``__getattr__`` may answer it: the from-import calls that hook, and may succeed."""
    symbol = info.symbols.get(name)
    if symbol is None or symbol.kind is not SymbolKind.IMPORT or symbol.import_name is None:
        return False
    source = ctx.index.import_target(
        info, symbol.import_module or "", symbol.import_level, ctx.roots(plugin)
    )
    if not isinstance(source, ModuleInfo) or "__getattr__" not in source.symbols:
        return False
    answered = answered_names(source)
    return answered is None or symbol.import_name in answered


def _execs(info: ModuleInfo) -> bool:
    """Whether the module runs ``exec`` in its own namespace (``writes_globals`` without a
    ``globals()[...]`` store, which the harness's lookup is left to judge)."""
    return info.writes_globals and any(
        isinstance(n.func, ast.Name) and n.func.id == "exec" for n in info.nodes(ast.Call)
    )


@plugin_check(PC101, PC102, PC103, PC104, PC105, PC106, PC107)
def exports(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    info = ctx.module(plugin)
    if info is None:
        if no_module(plugin):
            yield from _empty_folder(ctx, plugin)
        return
    replaced = replacement(ctx, plugin, info)  # sys.modules[__name__] = other
    if replaced is not None:
        yield from _replaced(ctx, plugin, info, *replaced)
        return
    roots = ctx.roots(plugin)
    targets = list(ctx.contract.exports_of(plugin))
    ep_attr = plugin.entry_point.attr if plugin.entry_point else None
    if ep_attr and "." not in ep_attr and ep_attr not in {e.name for e in targets}:
        targets.append(Export(ep_attr))
    for export in targets:
        if export.versions:
            yield from _versioned(ctx, plugin, info, export)
            continue
        if "." in export.name:
            # ``mod:Class.method``: the class must be there, and have the method (in its body
            # or a base's); mypy judges the method's type.
            head, _, rest = export.name.partition(".")
            if _in_submodule(ctx, plugin, export.name):
                continue  # the host imports module.head as a module: PC556's judgement
            found = ctx.index.resolve(info, head, roots)
            if found is None and not _dynamic_module(info, head):
                yield _missing(ctx, plugin, info, export)
            elif isinstance(found, Resolved):
                yield from _missing_member(ctx, plugin, export, found, rest.partition(".")[0])
            continue
        found = ctx.index.resolve(info, export.name, roots)
        if found is None:
            lazy = None if export.optional else lazy_failure(ctx, plugin, info, export.name)
            if lazy is not None:
                yield PC101.at(
                    plugin,
                    lazy[1],
                    f"{plugin.module} does not define {export.name!r}, and {lazy[0]}: the "
                    "host's lookup fails",
                    fix=f"define {export.name} in {plugin.module}, or serve it from a module "
                    "and attribute that exist",
                    subject=export.name,
                )
                continue
            if export.optional or _dynamic_module(info, export.name):
                continue
            if _served_by_source(ctx, plugin, info, export.name):
                continue
            private = ctx.index.resolve(info, f"_{export.name}", roots)
            if isinstance(private, Resolved):
                yield PC102.at(
                    plugin,
                    _at(private.module, private.symbol),
                    f"{plugin.module} defines _{export.name}, which is private; the host looks "
                    f"up {export.name!r} and will not find it",
                    fix=f"rename _{export.name} to {export.name}",
                    subject=export.name,
                    autofix=_renamed(plugin, private.module.path, f"_{export.name}", export.name),
                )
                continue
            yield _missing(ctx, plugin, info, export)
            continue
        dead = only_dead(found, ctx.env) if isinstance(found, Resolved) else None
        if isinstance(found, Resolved) and dead is not None and not export.optional:
            yield PC101.at(
                plugin,
                Location(found.module.path, dead, 1),
                f"{plugin.module} binds {export.name!r} only in a branch the host's run never "
                "takes (the target interpreter, or an environment variable the host does not "
                "pass its plugins, decides the test), so the host's lookup fails with "
                "AttributeError",
                fix=f"define {export.name} outside the branch, or in every branch",
                subject=export.name,
            )
            continue
        # ep.load() takes the attribute the entry point names. An optional export is one the
        # host looks up with a default (Sphinx's getattr(mod, "setup", None)), not through a
        # star import: __all__ hides nothing from it.
        if export in ctx.contract.exports and not export.optional:
            yield from _not_in_all(plugin, info, export.name)
        yield from _wrong_kind(ctx, plugin, export, export.name, found)


def _replaced(
    ctx: Context, plugin: Plugin, info: ModuleInfo, other: ModuleInfo, where: ast.stmt
) -> Iterator[Finding]:
    """The host's lookups go to the module the plugin's module put in its place."""
    for export in ctx.contract.exports_of(plugin):
        if export.versions or export.optional or "." in export.name:
            continue
        if ctx.index.resolve(other, export.name, ctx.roots(plugin)) is not None:
            continue
        if _dynamic_module(other, export.name) or other.star_imports:
            continue
        yield PC101.at(
            plugin,
            Location(info.path, where.lineno, where.col_offset + 1),
            f"{plugin.module} puts {other.path.name} in its place (`{ast.unparse(where)}`), "
            f"and the host's import returns that module, which does not define "
            f"{export.name!r}: the host's lookup fails",
            fix=f"define {export.name} in the module that takes the place, or do not replace "
            "the module in sys.modules",
            subject=export.name,
        )


def _empty_folder(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """A folder the contract's ``paths`` list with no ``__init__.py``: the host imports it as
    an empty namespace package, which runs none of the folder's files, and its lookup of every
    required export fails."""
    held = f"{ctx.shown(plugin.root)} holds no Python module (no __init__.py, no .py file)"
    if plugin.files:
        inside = ", ".join(f.relative_to(plugin.root).as_posix() for f in plugin.files[:3])
        more = f" and {len(plugin.files) - 3} more" if len(plugin.files) > 3 else ""
        held = (
            f"{ctx.shown(plugin.root)} has no __init__.py, so importing it runs none of its "
            f"Python files ({inside}{more})"
        )
    for export in ctx.contract.exports_of(plugin):
        if export.optional:
            continue
        typed = f" ({export.type})" if export.type else ""
        name = export.versions[0] if export.versions else export.name
        lacks = (
            f"defines none of {', '.join(export.versions)}; the {ctx.contract.name!r} contract "
            f"requires one (newest first){typed}"
            if export.versions
            else f"does not define {name!r}; the {ctx.contract.name!r} contract requires it{typed}"
        )
        yield (PC105 if export.versions else PC101).at(
            plugin,
            Location(plugin.root, 1, 1),
            f"{held}: the host imports {plugin.module!r} as an empty namespace package, which "
            + lacks,
            fix=f"add the plugin's __init__.py defining {name}, or move the folder out of the "
            "contract's paths",
            subject=name,
        )


def _in_submodule(ctx: Context, plugin: Plugin, name: str) -> bool:
    """Under ``entry-point-load = "dotted-path"`` (fsspec), ``pkg:core.FS`` names ``FS`` in the
    submodule ``pkg.core``, which the host imports itself (``pkg`` need not import it): found
    when that submodule binds the last part (or may bind anything, a ``__getattr__``)."""
    ep = plugin.entry_point
    if ep is None or ep.attr != name or ctx.contract.options.get(LOAD) != "dotted-path":
        return False
    module, _, last = f"{ep.module}.{name}".rpartition(".")
    path = ctx.index.find_module(module, ctx.roots(plugin))
    sub = ctx.index.info(path) if path else None
    return sub is not None and (
        ctx.index.resolve(sub, last, ctx.roots(plugin)) is not None or _dynamic_module(sub, last)
    )


def _renamed(plugin: Plugin, path: Path, old: str, new: str) -> Autofix | None:
    """``old`` renamed to ``new`` where the plugin defines it, when the plugin's other files do
    not mention it."""
    if path not in plugin.files:
        return None
    # libcst loads with the first fix made: a third of plugcheck's start-up otherwise
    from plugcheck.autofix.rename import rename

    return made(lambda: rename(path, old, new, f"rename {old} to {new}", others=plugin.files))


def _missing(ctx: Context, plugin: Plugin, info: ModuleInfo, export: Export) -> Finding:
    ep = plugin.entry_point
    if export not in ctx.contract.exports and ep is not None:
        needed = f"its entry point {ep.name} = {ep.value!r} names it"
    else:
        needed = f"the {ctx.contract.name!r} contract requires it" + (
            f" ({export.type})" if export.type else ""
        )
    deleted = info.deleted.get(export.name)
    if deleted is not None:
        return PC101.at(
            plugin,
            Location(info.path, deleted, 1),
            f"{plugin.module} deletes {export.name!r} (`del {export.name}`) after defining it, "
            f"so the host's lookup fails with AttributeError; {needed}",
            fix=f"remove the `del {export.name}`",
            subject=export.name,
        )
    imported = info.symbols.get(export.name)
    if imported is not None:
        # A re-export whose source does not define the name: point at the import.
        source = "." * imported.import_level + (imported.import_module or "")
        return PC101.at(
            plugin,
            _at(info, imported),
            f"{plugin.module} imports {export.name!r} from {source}, which does not define it, "
            f"so the host's import fails; {needed}",
            fix=f"define {export.name} in {source}, or import it from the module that does",
            subject=export.name,
        )
    return PC101.at(
        plugin,
        _top(plugin),
        f"{plugin.module} does not define {export.name!r}; {needed}",
        fix=f"define {export.name} at module level, or re-export it from the module",
        subject=export.name,
    )


def _missing_member(
    ctx: Context, plugin: Plugin, export: Export, found: Resolved, member: str
) -> Iterator[Finding]:
    """PC101 for ``mod:Class.method`` when neither the class nor any of its bases defines
    ``method`` (``ep.load()`` fails with AttributeError); quiet when a base is out of reach."""
    if class_has(ctx.index, found, member, ctx.roots(plugin)) is not False:
        return
    cls = found.symbol.name
    ep = plugin.entry_point
    needed = f"its entry point {ep.name} = {ep.value!r} names it" if ep else "the host looks it up"
    yield PC101.at(
        plugin,
        _at(found.module, found.symbol),
        f"class {cls} defines no {member!r}, nor does any of its bases, so the host's "
        f"ep.load() fails with AttributeError; {needed}",
        fix=f"define {member} in {cls} (or a base class), or point the entry point at the "
        "object that has it",
        subject=export.name,
    )


def _not_in_all(plugin: Plugin, info: ModuleInfo, name: str) -> Iterator[Finding]:
    if info.all_names is None or info.all_dynamic or name in info.all_names:
        return
    # libcst loads with the first fix made: a third of plugcheck's start-up otherwise
    from plugcheck.autofix.python import add_to_all

    yield PC103.at(
        plugin,
        Location(info.path, info.all_line, info.all_col),
        f"{name!r} is defined but not listed in {plugin.module}.__all__; star-importing hosts "
        "and tools that honour __all__ will not see it",
        fix=f"add {name!r} to __all__",
        autofix=made(lambda: add_to_all(info.path, info.all_line, name)),
    )


_VERSIONED = re.compile(r"(.*?)(\d+)\Z")


def _versioned(ctx: Context, plugin: Plugin, info: ModuleInfo, export: Export) -> Iterator[Finding]:
    roots = ctx.roots(plugin)
    for index, name in enumerate(export.versions):
        found = ctx.index.resolve(info, name, roots)
        if found is None:
            continue
        if index > 0 and isinstance(found, Resolved):
            yield PC106.at(
                plugin,
                _at(found.module, found.symbol),
                f"{plugin.module} defines {name} but not {export.versions[0]}; the host "
                f"will pick {name}",
                fix=f"implement {export.versions[0]} to use the newest interface",
            )
        yield from _not_in_all(plugin, info, name)
        yield from _wrong_kind(ctx, plugin, export, name, found)
        return
    if any(_dynamic_module(info, v) for v in export.versions):
        return
    newer = _newer_versions(info, export.versions)
    if newer:
        name, symbol = newer[0]
        yield PC107.at(
            plugin,
            _at(info, symbol),
            f"{plugin.module} defines {name} but none of the versions the host knows "
            f"({', '.join(export.versions)}); the host will not find it",
            fix=f"also provide {export.versions[0]} until the host supports {name}",
            subject=export.versions[0],
        )
        return
    if export.optional:
        return
    yield PC105.at(
        plugin,
        _top(plugin),
        f"{plugin.module} defines none of {', '.join(export.versions)}, which the "
        f"{ctx.contract.name!r} contract requires (newest first)",
        fix=f"define {export.versions[0]} at module level",
        subject=export.versions[0],
    )


def _newer_versions(info: ModuleInfo, versions: tuple[str, ...]) -> list[tuple[str, Symbol]]:
    known = [m for m in (_VERSIONED.match(v) for v in versions) if m]
    if not known:
        return []
    prefixes = {m.group(1) for m in known}
    top = max(int(m.group(2)) for m in known)
    newer = []
    for name, symbol in info.symbols.items():
        match = _VERSIONED.match(name)
        if match and match.group(1) in prefixes and int(match.group(2)) > top:
            newer.append((int(match.group(2)), name, symbol))
    return [(name, symbol) for _, name, symbol in sorted(newer, reverse=True)]


def _wrong_kind(
    ctx: Context, plugin: Plugin, export: Export, name: str, found: Resolved | External
) -> Iterator[Finding]:
    wrong = mismatch(ctx, plugin, export, name, found)
    if wrong is None:
        return
    yield PC104.at(
        plugin,
        _at(wrong.bound.module, wrong.bound.symbol),
        f"{name} is bound to {wrong.bound.detail}, but the host expects {wrong.expected}",
        fix=wrong.fix,
        subject=export.names[0],
    )
