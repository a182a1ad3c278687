"""PC309: a module the plugin imports when the host imports it is not in the target environment.

Judged from the files on the target's ``sys.path`` (plus the contract's search-path and the
plugin's import root), without importing anything: packages, namespace packages, modules,
extension modules with the target's suffixes, zip archives, setuptools' editable finders. Not
judged: imports guarded by ``except ImportError`` or a ``with`` that may swallow the error
(``suppress(ImportError)``, keyring's ``ExceptionTrap()``: any manager not known never to),
under ``if TYPE_CHECKING:``, a ``__main__`` guard, a branch the target never takes, in functions.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.declared_requirement import declared_requirement
from plugcheck.rules.host_names import host_package_set, imported_with
from plugcheck.rules.module_layout import dotted_below
from plugcheck.rules.optional_extras import optional_extra, skips_failed_imports
from plugcheck.rules.own_imports import Kind, import_walk, may_suppress_import_error
from plugcheck.rules.site_hooks import hooks, in_zip
from plugcheck.rules.vendored import path_extended_roots
from plugcheck.static.bindings import Binding, target_of
from plugcheck.static.branches import PLAIN_IMPORTS, decide, module_scope
from plugcheck.static.effects import find_spec_parent
from plugcheck.static.import_flags import flag_test
from plugcheck.static.parse import catches, dotted_name, is_main_guard, is_type_checking
from plugcheck.static.path_edits import path_edits
from plugcheck.static.syntax import tried as syntax_tried
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

_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
_ALWAYS = frozenset(sys.builtin_module_names) | frozenset(sys.stdlib_module_names)
_ALWAYS |= {"__future__", "__main__"}  # __main__: the running program's module, importable


@dataclass(frozen=True, slots=True)
class _Import:
    module: str
    node: ast.stmt
    level: int = 0
    """For ``from .x import y``: the number of dots (the plugin's own modules)."""
    names: tuple[str, ...] = ()
    """For ``from M import a, b``: the names (a name may be a submodule)."""
    anchor: str = ""
    """For ``importlib.import_module(".x", __name__)``: the module-level name the relative
    import is anchored on (``__name__`` or ``__package__``); empty for an import statement."""


# --- which imports run on import --------------------------------------------------------


def known_test(
    test: ast.expr, env: Environment, scope: dict[str, Binding] = PLAIN_IMPORTS
) -> bool | None:
    """The value of an ``if`` test on the target (``static.branches.decide``, the decider the
    pluggy pass uses too); ``None`` when the target does not decide it. ``scope``: the
    module's (``module_scope``), for tests on its constants (``if PY2:``)."""
    return decide(test, scope, target_of(env))


def _imports(
    body: Sequence[ast.stmt],
    env: Environment,
    installed: _Installed,
    *,
    certain: bool = False,
    bound: Collection[str] = (),
    scope: dict[str, Binding] | None = None,
    module: str = "",
    top: Sequence[ast.stmt] | None = None,
) -> Iterator[_Import]:
    """The absolute imports that run when the module is imported, unguarded; ``certain``: none
    in a branch whose test is not decided (a library's ``if TYPE_CHECKING or py38:``);
    ``bound``: the names the module binds (a Python 2 probe in a ``try`` stops its body);
    ``scope``: the module's constants (read from ``body`` when not given); ``module``: the
    package its relative imports start from, ``top``: its whole body (for availability flags,
    ``if HAS_PYARROW:``)."""
    scope = module_scope(body) if scope is None else scope
    top = body if top is None else top
    again = partial(
        _imports, env=env, installed=installed, bound=bound, scope=scope, module=module, top=top
    )
    for stmt in body:
        match stmt:
            case ast.Import():
                for alias in stmt.names:
                    yield _Import(alias.name, stmt)
            case ast.ImportFrom():
                names = tuple(a.name for a in stmt.names)
                yield _Import(stmt.module or "", stmt, stmt.level, names)
            case ast.If():
                if is_type_checking(stmt.test) or is_main_guard(stmt.test):
                    yield from again(stmt.orelse)
                    continue
                taken = known_test(stmt.test, env, scope)
                if taken is None:
                    taken = flag_test(stmt.test, top, module, installed.tree_of, installed.has)
                if taken is None and certain:
                    continue
                if taken is not False:
                    yield from again(stmt.body, certain=certain)
                if taken is not True:
                    yield from again(stmt.orelse, certain=certain)
            case ast.Try():
                guarded = catches(stmt.handlers, _IMPORT_ERRORS)
                tried = list(again(syntax_tried(stmt, bound), certain=certain))
                if not guarded:
                    yield from tried
                # A handler's imports run when an import of the try body failed; the `else`
                # block's only when none did (`try: import alembic / except ImportError: pass /
                # else: from alembic.ddl import base`: nothing to judge without alembic).
                failed = any(not installed.has(i.module) for i in tried)
                if not guarded or failed:
                    for handler in stmt.handlers:
                        yield from again(handler.body, certain=certain)
                if not (guarded and failed):
                    yield from again(stmt.orelse, certain=certain)
                yield from again(stmt.finalbody, certain=certain)
            case ast.With() if not may_suppress_import_error(stmt):
                yield from again(stmt.body, certain=certain)
            case (
                ast.Expr(value=ast.Call() as call)
                | ast.Assign(value=ast.Call() as call)
                | ast.Assign(value=ast.Attribute(value=ast.Call() as call))
                | ast.Assign(value=ast.Compare(left=ast.Call() as call))
            ):  # also `hook = import_module(".impl", __package__).hook`, `find_spec(m) is None`
                found = _import_module_call(call, stmt)
                if found is not None:
                    yield found


def _package_of(path: Path, plugin: Plugin) -> str:
    """The package a module file's relative imports start from."""
    named = dotted_below(path, plugin.import_root)
    return named if path.name == "__init__.py" else named.rpartition(".")[0]


_IMPORT_MODULE = frozenset({"importlib.import_module", "import_module"})
_ANCHORS = frozenset({"__name__", "__package__"})


def _import_module_call(call: ast.Call, stmt: ast.stmt) -> _Import | None:
    """``importlib.import_module("m")``, ``import_module(".m", __name__)`` or
    ``import_module(f"{__name__}.m")`` with a literal name, as the import it runs; and
    ``__import__("m")`` with the name alone (an absolute import of it); ``find_spec("a.b")``
    imports the parent ``a`` (ModuleNotFoundError when it is missing, not None)."""
    parent = find_spec_parent(call)
    if parent is not None:
        return _Import(parent, stmt)
    match call:
        case ast.Call(func=ast.Name(id="__import__"), args=[ast.Constant(value=str(name))]):
            if call.keywords or not name or name.startswith("."):
                return None
            return _Import(name, stmt, 0)
    if (dotted_name(call.func) or "") not in _IMPORT_MODULE or not call.args:
        return None
    match call.args:
        case [ast.Constant(value=str(name))]:
            anchor = ""
        case [ast.Constant(value=str(name)), ast.Name(id=anchor)] if anchor in _ANCHORS:
            pass
        case [ast.JoinedStr(values=[ast.FormattedValue(value=ast.Name(id=anchor)), tail])]:
            if anchor not in _ANCHORS or not isinstance(tail, ast.Constant):
                return None
            name = str(tail.value)
            if not name.startswith("."):
                return None
        case _:
            return None
    module = name.lstrip(".")
    level = len(name) - len(module)
    if not module or (level and not anchor):
        return None
    return _Import(module, stmt, level, anchor=anchor if level else "")


# --- what the target environment has ----------------------------------------------------


class _Installed:
    """Top-level module names (and package directories) importable from ``roots``."""

    def __init__(self, ctx: Context, roots: Sequence[Path], suffixes: Sequence[str]) -> None:
        self.index, self.env = ctx.index, ctx.env
        self.roots = [r for r in roots if self.index.is_dir(r) or self.index.is_file(r)]
        self.suffixes = tuple(suffixes) or (".so", ".pyd")
        self.editable: set[str] = set()
        self.opaque = False
        """A .pth file runs code we cannot read: any name may be importable."""
        for root in self.roots:
            if self.index.is_dir(root):
                # Once per run: a plugin's root is often the directory all plugins share.
                editable, opaque = memo(ctx, ("pc309-hooks", root), partial(hooks, root))
                self.editable |= editable
                self.opaque = self.opaque or opaque

    def has(self, module: str) -> bool:
        parts = module.split(".")
        if parts[0] in _ALWAYS or parts[0] in self.editable or self.opaque:
            return True
        return any(self.under(root, parts) for root in self.roots)

    def tree_of(self, module: str) -> tuple[ast.Module, bool] | None:
        """The parsed source of ``module`` in the first root that has it, and whether it is a
        package."""
        parts = module.split(".")
        for root in self.roots:
            if not self.index.is_dir(root):
                continue
            for path in (
                root.joinpath(*parts).with_suffix(".py"),
                root.joinpath(*parts, "__init__.py"),
            ):
                if self.index.is_file(path):
                    info = self.index.info(path)
                    tree = info.tree if info is not None else None
                    return (tree, path.name == "__init__.py") if tree is not None else None
        return None

    def under(self, root: Path, parts: list[str]) -> bool:
        """Whether ``root`` (a directory or a zip archive) holds the module ``parts``."""
        if self.index.is_file(root):
            return in_zip(root, parts)
        self.index.looked_up(root.joinpath(*parts))
        base = root.joinpath(*parts[:-1])
        last = parts[-1]
        index = self.index
        if index.is_dir(base / last) and all(
            index.is_dir(root.joinpath(*parts[: i + 1])) for i in range(len(parts) - 1)
        ):
            return True
        if not index.is_dir(base):
            return self._made_by_module(root, parts)
        if index.is_file(base / f"{last}.py") or index.is_file(base / f"{last}.pyc"):
            return True
        return any(index.is_file(base / f"{last}{suffix}") for suffix in self.suffixes)

    def _made_by_module(self, root: Path, parts: list[str]) -> bool:
        """Whether a parent of the submodule ``parts`` is a plain module file, no package: the
        files cannot tell then, as that module makes its submodules itself (six's meta path
        importer serves ``six.moves``; a module may put ``name.sub`` into sys.modules)."""
        index = self.index
        for i in range(1, len(parts)):
            head = root.joinpath(*parts[: i - 1])
            if index.is_dir(head / parts[i - 1]):
                continue
            name = parts[i - 1]
            return index.is_dir(head) and any(
                index.is_file(head / f"{name}{suffix}")
                for suffix in (".py", ".pyc", *self.suffixes)
            )
        return False


# --- the rule ---------------------------------------------------------------------------


def installed_for(ctx: Context, plugin: Plugin) -> _Installed:
    """What ``plugin``'s imports can find, made once per plugin: its own import root, the host's
    paths, the folder the host adds to its package's ``__path__`` (beets: to sys.path too), last
    the folders its packages put on sys.path (setuptools' _vendor)."""
    roots = [*ctx.roots(plugin), *path_extended_roots(ctx, plugin)]
    key = ("installed", ctx.contract.name, plugin.key)
    return memo(ctx, key, lambda: _Installed(ctx, roots, ctx.env.extension_suffixes))


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
    installed: _Installed | None = None
    for stmt in fn.body:
        value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign) else None
        called = _import_module_call(value, stmt) if isinstance(value, ast.Call) else None
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
                    _Import(module, stmt), _module_edits(ctx, path), installed
                ):
                    continue
                missing = _first_missing(module, installed)
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
        named = _package_of(path, plugin)
        for item in _imports(info.tree.body, ctx.env, installed, bound=info.symbols, module=named):
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
        named = _package_of(info.path, plugin)
        imports = _imports(
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


def _on_added_path(item: _Import, edits: list[tuple[int, Path | None]], inst: _Installed) -> bool:
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
    item: _Import,
    installed: _Installed,
    who: str,
    extra: str | None,
    skips: bool,
) -> Finding:
    missing = _first_missing(item.module, installed)
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
    installed: _Installed,
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
                    f"it registers the plugin, but {_first_missing(name, installed)} is not "
                    "installed in the target environment: the host stops at start-up "
                    f'(ImportError: Error importing plugin "{name}")',
                    fix=f"install the distribution that provides {name} in the host's "
                    f"environment (and declare it), or remove it from {variable}",
                )


def _relative_base(item: _Import, path: Path) -> Path:
    """The package directory a relative import of ``path`` starts from."""
    if item.anchor == "__name__" and path.name != "__init__.py":
        # ``import_module(".x", __name__)`` in a plain module: ``__name__`` names a module,
        # never a package, so nothing is found under it.
        return path.with_suffix("")
    base = path.parent
    for _ in range(item.level - 1):
        base = base.parent
    return base


def _outside_package(item: _Import, path: Path, plugin: Plugin) -> str | None:
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
    item: _Import, path: Path, plugin: Plugin, installed: _Installed
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


def _missing_own(plugin: Plugin, path: Path, item: _Import, own: str) -> Finding:
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


def _first_missing(module: str, installed: _Installed) -> str:
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        if not installed.has(".".join(parts[:i])):
            return ".".join(parts[:i])
    return module
