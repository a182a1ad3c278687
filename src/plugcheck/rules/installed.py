"""PC309: a module the plugin imports when the host imports it is not in the target environment
(``installed_modules`` says what is; ``imports_run`` which imports run); PC214: one a function
the host calls imports on every call.

Not judged: imports guarded by ``except ImportError`` or a ``with`` that may swallow the error
(``suppress(ImportError)``, keyring's ``ExceptionTrap()``: any manager not known never to),
under ``if TYPE_CHECKING:``, a ``__main__`` guard, a branch the target never takes, in functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.declared_requirement import declared_requirement
from plugcheck.rules.host_names import host_package_set, imported_with
from plugcheck.rules.import_edges import Kind
from plugcheck.rules.imports_run import RunImport, import_module_call, imports_run, package_of
from plugcheck.rules.installed_modules import Installed, first_missing, installed_for
from plugcheck.rules.module_layout import dotted_below
from plugcheck.rules.optional_extras import optional_extra, skips_failed_imports
from plugcheck.rules.own_imports import import_walk
from plugcheck.static.path_edits import path_edits
from plugcheck.static.syntax import walk

PC309 = rule(
    "PC309",
    "import-not-installed",
    Severity.ERROR,
    "The plugin imports, when the host imports it, a module that is not installed in the "
    "target environment (and no `except ImportError` guards it).",
)

PC214 = rule(
    "PC214",
    "call-time-import-not-installed",
    Severity.ERROR,
    "A function the host calls (a lifecycle method, the factory, a hookimpl) imports, on every "
    "call, a module that is not installed in the target environment: each call raises "
    "ModuleNotFoundError.",
)


_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass)


def call_time_import(
    ctx: Context,
    plugin: Plugin,
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    path: Path,
    label: str,
    subject: str | None,
) -> Finding | None:
    """PC214 for the first import of a missing module that every call of ``fn`` runs: only
    straight-line statements before it, none guarded (a ``try``, ``with`` or ``if`` ends the
    search), none a ``yield``. Relative imports and the host's packages are other rules'.
    ``subject``: the member whose failing call it explains (``None``: the failure at its line)."""
    hosts = host_package_set(ctx.contract)
    installed: Installed | None = None
    for stmt in fn.body:
        value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign) else None
        called = import_module_call(value, stmt) if isinstance(value, ast.Call) else None
        by_name = called.module if called is not None and not called.level else None
        if isinstance(stmt, ast.Import | ast.ImportFrom) or by_name is not None:
            if by_name is not None:  # importlib.import_module("name") with a literal name
                modules = [by_name]
            elif isinstance(stmt, ast.Import):
                modules = [a.name for a in stmt.names]
            elif isinstance(stmt, ast.ImportFrom):
                modules = [stmt.module] if stmt.module and not stmt.level else []
            for module in modules:
                if module.split(".")[0] in hosts:
                    continue
                installed = installed or installed_for(ctx, plugin)
                if installed.has(module) or _on_added_path(
                    RunImport(module, stmt), _module_edits(ctx, path), installed
                ):
                    continue
                missing = first_missing(module, installed)
                return PC214.at(
                    plugin,
                    Location(path, stmt.lineno, stmt.col_offset + 1),
                    f"{label} imports {module} on every call, but {missing} is not installed "
                    "in the target environment: each call the host makes raises "
                    "ModuleNotFoundError",
                    fix=f"install the distribution that provides {missing} in the host's "
                    "environment (and declare it in the plugin's dependencies), or guard the "
                    "import with `try: ... except ImportError:` and a fallback",
                    subject=subject,
                )
        elif not isinstance(stmt, _STRAIGHT) or any(
            isinstance(n, ast.Yield | ast.YieldFrom | ast.Await) for n in walk(stmt)
        ):
            return None
    return None


def _module_edits(ctx: Context, path: Path) -> list[tuple[int, Path | None]]:
    """The ``sys.path`` additions of the module in ``path``, all run before any call."""
    info = ctx.index.info(path)
    if info is None or info.tree is None:
        return []
    return [(0, where) for _, where in path_edits(info.tree, path)]


@plugin_check(PC309)
def missing_imports(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    installed = installed_for(ctx, plugin)
    skips = skips_failed_imports(ctx)
    # What a host package lacks is PC530's (it names the host's missing module or name).
    hosts = host_package_set(ctx.contract)
    for path in reached_files(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        seen: set[str] = set()
        edits = path_edits(info.tree, path)
        named = package_of(path, plugin)
        for item in imports_run(
            info.tree.body, ctx.env, installed, bound=info.symbols, module=named
        ):
            if item.level:
                outside = _outside_package(item, path, plugin)
                if outside is not None:
                    yield PC309.at(
                        plugin,
                        Location(path, item.node.lineno, item.node.col_offset + 1),
                        f"{plugin.module}'s import of {'.' * item.level}{item.module} fails "
                        f"with ImportError: attempted relative import {outside}; the host's "
                        "import of the plugin fails",
                        fix="import the module by its absolute name, or make the plugin a "
                        "package whose modules import each other relatively",
                    )
                    continue
                own = _missing_own_module(item, path, plugin, installed)
                if own is not None and own not in seen:
                    seen.add(own)
                    yield _missing_own(plugin, path, item, own)
                continue
            if item.module in seen or item.module.split(".")[0] in hosts:
                continue
            if installed.has(item.module) or _on_added_path(item, edits, installed):
                continue
            seen.add(item.module)
            extra = optional_extra(ctx, plugin, item.module)
            yield _not_installed(plugin, path, item, installed, plugin.module, extra, skips)
        if path == plugin.module_path:
            yield from _listed_missing(ctx, plugin, path, info.tree, installed, seen)
    # The modules of its own package outside its files that importing it imports (an entry
    # point `pkg.main` whose `from . import api` imports a module that is not installed).
    reported: set[str] = set()
    for info, via, step in imported_with(ctx, plugin):
        if step is not None or info.tree is None:
            continue
        # Only what surely runs: a library's module is judged in the plugin's name.
        named = package_of(info.path, plugin)
        imports = imports_run(
            info.tree.body, ctx.env, installed, certain=True, bound=info.symbols, module=named
        )
        for item in imports:
            if item.level or item.module in reported or item.module.split(".")[0] in hosts:
                continue
            if not installed.has(item.module):
                reported.add(item.module)
                who = f"{dotted_below(info.path, plugin.import_root)} ({via} imports it)"
                extra = optional_extra(ctx, plugin, item.module)
                yield _not_installed(plugin, info.path, item, installed, who, extra, skips)


def _on_added_path(item: RunImport, edits: list[tuple[int, Path | None]], inst: Installed) -> bool:
    """Whether a statement before the import added to ``sys.path`` a directory that holds the
    module, or one plugcheck cannot read (``static.path_edits``)."""
    parts = item.module.split(".")
    return any(
        line < item.node.lineno and (where is None or inst.under(where, parts))
        for line, where in edits
    )


def _not_installed(
    plugin: Plugin,
    path: Path,
    item: RunImport,
    installed: Installed,
    who: str,
    extra: str | None,
    skips: bool,
) -> Finding:
    missing = first_missing(item.module, installed)
    message = (
        f"{who} imports {item.module}, but {missing} is not installed in the target "
        "environment: the host's import of the plugin fails with ModuleNotFoundError"
    )
    fix = (
        f"install the distribution that provides {missing} in the host's environment (and "
        "declare it in the plugin's dependencies), or guard the import with `try: ... except "
        "ImportError:`"
    )
    declared = declared_requirement(plugin, missing, installed.env)
    if declared is not None and declared[1] is None:  # asked for, and not there
        message += f"; {plugin.name} declares `{declared[0]}`, which is not installed there"
        fix = f"install the plugin's requirements where the host runs: pip install {declared[0]!r}"
    if extra is not None and plugin.entry_point is not None:
        # The distribution declares it optional: the plugin is off until the extra is installed,
        # where the host goes on without a plugin whose import fails; elsewhere the host stops.
        dist = plugin.entry_point.distribution
        message += f" until {dist}[{extra}] is installed ({dist} requires it only with that extra)"
        fix = f"install {dist}[{extra}] where the plugin should load"
        if not skips:
            message += "; the host does not go on without a plugin whose import fails"
            fix += " (or guard the import with `try: ... except ImportError:`)"
    return PC309.at(
        plugin,
        Location(path, item.node.lineno, item.node.col_offset + 1),
        message,
        fix=fix,
        # The missing module names the harness's failure there ("No module named 'x'"), also
        # at a module's first line.
        subject=missing,
        severity=Severity.WARNING if extra is not None and skips else None,
    )


def _listed_missing(
    ctx: Context,
    plugin: Plugin,
    path: Path,
    tree: ast.Module,
    installed: Installed,
    seen: set[str],
) -> Iterator[Finding]:
    """The modules a pluggy contract's ``plugins-variable`` (pytest's ``pytest_plugins``) lists
    at the module's top level that are not installed: the host imports each one when it
    registers the plugin (red team finding 32). A name the ``builtin-plugins`` package provides
    (``pytester``: ``_pytest.pytester``) is the host's."""
    table = ctx.contract.options.get("pluggy")
    if not isinstance(table, dict) or not table.get("plugins-variable"):
        return
    variable = str(table["plugins-variable"])
    builtin = str(table.get("builtin-plugins") or "").partition(":")[0].split(".")[0]
    if builtin and not installed.has(builtin):
        return  # the host itself is not installed here: what it provides is unknown
    for stmt in tree.body:
        if not isinstance(stmt, ast.Assign) or not any(
            isinstance(t, ast.Name) and t.id == variable for t in stmt.targets
        ):
            continue
        value = stmt.value
        items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
        for item in items:
            if not isinstance(item, ast.Constant) or not isinstance(item.value, str):
                continue
            for name in (n.strip() for n in item.value.split(",")):
                if not name or name in seen or installed.has(name):
                    continue
                if builtin and installed.has(f"{builtin}.{name}"):
                    continue
                seen.add(name)
                yield PC309.at(
                    plugin,
                    Location(path, item.lineno, item.col_offset + 1),
                    f"{plugin.module} lists {name} in {variable}, which the host imports when "
                    f"it registers the plugin, but {first_missing(name, installed)} is not "
                    "installed in the target environment: the host stops at start-up "
                    f'(ImportError: Error importing plugin "{name}")',
                    fix=f"install the distribution that provides {name} in the host's "
                    f"environment (and declare it), or remove it from {variable}",
                )


def _relative_base(item: RunImport, path: Path) -> Path:
    """The package directory a relative import of ``path`` starts from."""
    if item.anchor == "__name__" and path.name != "__init__.py":
        # ``import_module(".x", __name__)`` in a plain module: ``__name__`` names a module,
        # never a package, so nothing is found under it.
        return path.with_suffix("")
    base = path.parent
    for _ in range(item.level - 1):
        base = base.parent
    return base


def _outside_package(item: RunImport, path: Path, plugin: Plugin) -> str | None:
    """How a relative import climbs out of the packages ``path`` is in (its module's dotted
    name below the import root): from a top-level module, which has no parent package, or
    more levels than the packages above it ("beyond top-level package")."""
    if plugin.import_root is None or item.anchor:
        return None
    try:
        parts = path.absolute().relative_to(plugin.import_root.absolute()).parts
    except ValueError:
        return None
    depth = len(parts) - 1  # the packages the module is in: pkg/sub/mod.py -> pkg.sub
    if depth == 0:
        return "with no known parent package"
    return "beyond top-level package" if item.level > depth else None


def _missing_own_module(
    item: RunImport, path: Path, plugin: Plugin, installed: Installed
) -> str | None:
    """The dotted name of the plugin's own module a relative import names, when no file of
    the plugin provides it (``from .impls import X`` with only ``impl.py`` next to it)."""
    if plugin.import_root is None:
        return None
    root = plugin.import_root.absolute()
    base = _relative_base(item, path)
    if root not in base.absolute().parents or path.parent.absolute() == root:
        return None  # a top-level module's relative import fails differently
    parts = item.module.split(".")
    if installed.under(base, parts):
        return None
    return ".".join([*base.absolute().relative_to(root).parts, *parts])


def _missing_own(plugin: Plugin, path: Path, item: RunImport, own: str) -> Finding:
    siblings = sorted(
        p.stem if p.suffix == ".py" else p.name
        for p in _relative_base(item, path).glob("*")
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    )
    spelled = "." * item.level + item.module
    how = f"import_module({spelled!r}, {item.anchor})" if item.anchor else f"import of {spelled}"
    return PC309.at(
        plugin,
        Location(path, item.node.lineno, item.node.col_offset + 1),
        f"{plugin.module}'s {how} names {own}, but no file of the plugin provides it: the "
        "host's import of the plugin fails with ModuleNotFoundError",
        fix=f"name one of the plugin's own modules ({', '.join(siblings) or 'none found'}), or "
        "add the missing module to the plugin",
    )


def reached_files(ctx: Context, plugin: Plugin) -> list[Path]:
    """The plugin's files the host's import of it may run, and whose failure fails it
    (``own_imports.import_walk``: :attr:`Kind.BRANCH` at weakest): its module, the packages
    above it, and the plugin's own modules these import at module level, in a branch the
    target may take, not under a ``try`` that catches the failure (a module imported only
    inside a function, such as ``register()``, is not run by the import)."""
    files = set(plugin.files)
    if plugin.module_path not in files or plugin.import_root is None:
        return list(plugin.files)
    reached = {ctx.index.real(p) for p in import_walk(ctx, plugin).paths(Kind.BRANCH)}
    return [f for f in plugin.files if ctx.index.real(f) in reached]
