"""PC535: ``from M import name`` of the plugin's own module ``M`` before ``M`` binds ``name``.

The host's import of the plugin is replayed in order over the plugin's own modules: each module's
top-level statements run one after the other, an import of another own module runs that module first
(its parent packages before it), and a module already being imported is not run again (Python hands
out the partially initialised module). A ``from M import name`` then fails with ImportError when
``M`` has not bound ``name`` yet (a circular import: ``pkg/__init__.py`` imports ``pkg.impl`` before
it binds ``NAME``, and ``impl`` does ``from . import NAME``) or never binds it, unless ``name`` is a
submodule of ``M`` (a module, a package or a compiled extension: ``from numpy.linalg import
_umath_linalg``). A module beside the plugin in its import root (a sibling plugin, a shared helper)
is replayed too when it imports the plugin's package back at its top level; its failing import is
shown at the plugin's statement that imported it. Only what is certain is judged: a statement under
an ``if`` the target does not decide, in a loop, or in a ``try`` that catches the ImportError is not
reported (its names count as bound; a handler counts as certain when the ``try`` body's first
statement imports a module of the plugin's own package that does not exist), and a module that
binds names in ways not read here (a module ``__getattr__``, ``globals()``, ``vars()``,
``setattr``, ``exec``, ``sys.modules``, a star import of a module outside the plugin) is taken
to bind every name.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.imports_run import known_test
from plugcheck.static.import_module import imported_base
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import catches, dotted_name, is_main_guard, is_type_checking, walk

PC535 = rule(
    "PC535",
    "import-of-unbound-name",
    Severity.ERROR,
    "The plugin imports a name from one of its own modules before that module binds it (a "
    "circular import) or from a module that never binds it: the host's import of the plugin "
    "fails with ImportError.",
    explains=("PC401",),
)

_IMPORT_ERRORS = {"ImportError", "Exception", "BaseException"}
_MISSING_MODULE = {*_IMPORT_ERRORS, "ModuleNotFoundError"}
_OPAQUE_CALLS = frozenset({"globals", "vars", "setattr", "exec", "eval"})
_IMPLICIT = frozenset(
    {"__name__", "__file__", "__doc__", "__path__", "__spec__", "__loader__", "__package__"}
    | {"__builtins__", "__cached__", "__annotations__"}
)
"""What the import system binds in every module before its first line runs."""


@dataclass
class _Module:
    name: str
    path: Path
    tree: ast.Module
    running: bool = True
    bound: set[str] = field(default_factory=set)
    opaque: bool = False
    at: ast.stmt | None = None
    """The statement this module is running (the import that is under way)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """A name bound to another of the plugin's modules -> that module's name."""


@dataclass
class _Replay:
    ctx: Context
    plugin: Plugin
    root: Path
    modules: dict[str, _Module] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    own: dict[str, Path] = field(default_factory=dict)
    """The plugin's files, by absolute path (a string: asked for every name the replay meets)."""

    def __post_init__(self) -> None:
        self.own = {str(f.absolute()): f for f in self.plugin.files}

    def path_of(self, name: str) -> Path | None:
        # As root.joinpath(*parts) / "__init__.py" and .with_suffix(".py"), in strings: a name's
        # parts have no dot, and joinpath drops the empty ones too.
        base = os.path.join(str(self.root), *(part for part in name.split(".") if part))
        candidates = (f"{base}{os.sep}__init__.py", f"{base}.py")
        for candidate in candidates:
            if candidate in self.own:
                return self.own[candidate]
        if name.partition(".")[0] == self.plugin.module.partition(".")[0]:
            return None  # the plugin's own package tree: only its files are replayed
        for candidate in candidates:
            if self.ctx.index.is_file_at(candidate):
                return Path(candidate) if self.imports_back(Path(candidate)) else None
        return None

    def imports_back(self, path: Path) -> bool:
        """Whether the module at ``path`` (beside the plugin in its import root, another
        top-level name: a sibling plugin or helper) imports the plugin's package at its top level:
        then importing it from the plugin is a circular import, replayed like the plugin's own."""
        top = self.plugin.module.partition(".")[0]
        info = self.ctx.index.info(path)
        if info is None or info.tree is None:
            return False
        return any(
            (
                isinstance(stmt, ast.ImportFrom)
                and not stmt.level
                and (stmt.module or "").partition(".")[0] == top
            )
            or (
                isinstance(stmt, ast.Import)
                and any(a.name.partition(".")[0] == top for a in stmt.names)
            )
            for stmt in info.tree.body
        )

    def on_disk(self, name: str) -> bool:
        """Whether ``name`` is a module or package on disk that is not replayed (beside the
        plugin and not importing it back: bandit's ``bandit.core.constants``): ``from pkg
        import name`` imports it, whatever ``pkg`` has bound yet."""
        base = self.root.joinpath(*name.split("."))
        return any(
            self.ctx.index.is_file(p) for p in (base / "__init__.py", base.with_suffix(".py"))
        )

    def compiled(self, name: str) -> bool:
        """Whether ``name`` is a compiled submodule on disk (numpy.linalg's
        ``_umath_linalg.cpython-311-x86_64-linux-gnu.so``): ``from pkg import name`` imports it
        even while ``pkg`` is still being imported."""
        base = self.root.joinpath(*name.split("."))
        try:
            return any(
                p.name.partition(".")[0] == base.name and p.suffix in (".so", ".pyd")
                for p in base.parent.glob(f"{base.name}.*")
            )
        except OSError:
            return False

    def load(self, name: str) -> _Module | None:
        """Import the plugin's own module ``name`` (its packages first); None when not own."""
        if name in self.modules:
            return self.modules[name]
        parts = name.split(".")
        for i in range(1, len(parts)):
            self.load(".".join(parts[:i]))
        path = self.path_of(name)
        info = self.ctx.index.info(path) if path else None
        if path is None or info is None or info.tree is None:
            return None
        module = _Module(name, path, info.tree, opaque=_opaque(info))
        module.bound |= _IMPLICIT | _declared_global(info)
        self.modules[name] = module
        self.run(module, info.tree.body, guarded=False)
        module.running = False
        parent, _, last = name.rpartition(".")
        if parent in self.modules:
            self.modules[parent].bound.add(last)
        return module

    def run(self, module: _Module, body: Sequence[ast.stmt], guarded: bool) -> None:
        for stmt in body:
            module.at = stmt
            self.step(module, stmt, guarded)

    def step(self, module: _Module, stmt: ast.stmt, guarded: bool) -> None:
        match stmt:
            case ast.Import():
                for alias in stmt.names:
                    self.load(alias.name)
                    module.bound.add(alias.asname or alias.name.partition(".")[0])
                    if alias.asname:
                        module.aliases[alias.asname] = alias.name
            case ast.ImportFrom():
                self.import_from(module, stmt, guarded)
            case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                module.bound.add(stmt.name)
            case ast.If():
                if is_type_checking(stmt.test) or is_main_guard(stmt.test):
                    self.run(module, stmt.orelse, guarded)
                    return
                taken = known_test(stmt.test, self.ctx.env)
                if taken is None:
                    self.run(module, stmt.body, True)
                    self.run(module, stmt.orelse, True)
                else:
                    self.run(module, stmt.body if taken else stmt.orelse, guarded)
            case ast.Try() | ast.TryStar():
                self.run(module, stmt.body, guarded or catches(stmt.handlers, _IMPORT_ERRORS))
                certain = self.certain_handler(module, stmt)
                for handler in stmt.handlers:
                    if handler.name:
                        module.bound.add(handler.name)
                    self.run(module, handler.body, guarded if handler is certain else True)
                self.run(module, stmt.orelse, True)
                self.run(module, stmt.finalbody, guarded)
            case ast.With() | ast.AsyncWith():
                for item in stmt.items:
                    if item.optional_vars is not None:
                        module.bound |= _targets(item.optional_vars)
                self.run(module, stmt.body, True)
            case ast.For() | ast.AsyncFor() | ast.While():
                if not isinstance(stmt, ast.While):
                    module.bound |= _targets(stmt.target)
                self.run(module, [*stmt.body, *stmt.orelse], True)
            case ast.Match():
                for case in stmt.cases:
                    captures = (n for n in walk(case.pattern) if isinstance(n, ast.MatchAs))
                    module.bound |= {n.name for n in captures if n.name}
                    self.run(module, case.body, True)
            case ast.Delete():
                for target in stmt.targets:
                    module.bound -= _targets(target)
            case _:
                self.attributes(module, stmt, guarded)
                for node in walk(stmt):
                    if isinstance(node, ast.Assign):
                        for target in node.targets:
                            module.bound |= _targets(target)
                    elif isinstance(node, ast.AugAssign | ast.NamedExpr) or (
                        isinstance(node, ast.AnnAssign) and node.value is not None
                    ):
                        module.bound |= _targets(node.target)

    def certain_handler(
        self, module: _Module, stmt: ast.Try | ast.TryStar
    ) -> ast.ExceptHandler | None:
        """The handler that runs every time: the ``try`` body's first statement imports a module
        of the plugin's own package that does not exist (``from ._speedups import f``, an
        accelerated module the plugin does not ship), and this is the first handler catching the
        ModuleNotFoundError. What it runs (``from ._pure import f``) is as certain as the
        ``try`` statement itself."""
        first = stmt.body[0] if stmt.body and isinstance(stmt, ast.Try) else None
        if isinstance(first, ast.ImportFrom) and first.module:
            source = _absolute(module, first)
        elif isinstance(first, ast.Import) and len(first.names) == 1:
            source = first.names[0].name
        else:
            return None
        top = self.plugin.module.partition(".")[0]
        if source is None or "." not in source or source.partition(".")[0] != top:
            return None
        base = self.root.joinpath(*source.split("."))
        if (
            self.path_of(source) is not None
            or self.on_disk(source)
            or self.compiled(source)
            or self.ctx.index.is_dir(base)
            or self.load(source.rpartition(".")[0]) is None
        ):
            return None  # it exists, or its package is not the plugin's own
        for handler in stmt.handlers:
            if catches([handler], _MISSING_MODULE):
                return handler
        return None

    def attributes(self, module: _Module, stmt: ast.stmt, guarded: bool) -> None:
        """Read the attributes of the plugin's modules ``stmt`` always reads, then bind the
        names ``import_module(".sub", __name__)`` gives a module of the plugin."""
        value = getattr(stmt, "value", None)
        if not isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) or value is None:
            return
        for node in evaluated(value):
            if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
                continue
            name = module.aliases.get(node.value.id)
            own = self.modules.get(name) if name else None
            if (
                own is not None
                and not guarded
                and not own.opaque
                and node.attr not in own.bound
                and self.path_of(f"{own.name}.{node.attr}") is None
            ):
                self.missing_attribute(module, node, own)
        targets: list[ast.expr] = (
            stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", value)]
        )
        base = imported_base(value, module.path)
        loaded = None
        if base is not None and base.is_relative_to(self.root):
            loaded = self.load(".".join(base.relative_to(self.root).parts))
        for target in targets:
            if isinstance(target, ast.Name):
                module.aliases.pop(target.id, None)
                if loaded is not None:
                    module.aliases[target.id] = loaded.name

    def missing_attribute(self, module: _Module, node: ast.Attribute, own: _Module) -> None:
        when = "has not bound yet" if own.running else "never binds"
        self.findings.append(
            PC535.at(
                self.plugin,
                Location(module.path, node.lineno, node.col_offset + 1),
                f"{module.name}'s `{ast.unparse(node)}` fails with AttributeError when the host "
                f"imports the plugin: {own.name} {when} {node.attr}",
                fix=f"read a name {own.name} defines, or define {node.attr} there",
            )
        )

    def import_from(self, module: _Module, stmt: ast.ImportFrom, guarded: bool) -> None:
        source = _absolute(module, stmt)
        names = [a.name for a in stmt.names]
        own = self.load(source) if source is not None else None
        if own is None:
            if names == ["*"]:
                module.opaque = True
            module.bound |= {a.asname or a.name for a in stmt.names if a.name != "*"}
            return
        if names == ["*"]:
            module.opaque = module.opaque or own.opaque
            listed = self.listed(own)
            public = (
                own.bound
                if "__all__" in own.bound and listed is None
                else {n for n in own.bound if not n.startswith("_")}
            )
            for name in listed or ():
                if self.path_of(f"{own.name}.{name}") is not None:
                    self.load(f"{own.name}.{name}")  # a star import imports a listed submodule
                elif self.on_disk(f"{own.name}.{name}"):
                    pass  # a submodule beside the plugin that is not replayed: imported as well
                elif not guarded and not own.opaque and name not in own.bound:
                    self.report(module, stmt, own, name, star=True)
            module.bound |= public if listed is None else set(listed)
            return
        for alias in stmt.names:
            if self.path_of(f"{own.name}.{alias.name}") is not None:
                self.load(f"{own.name}.{alias.name}")
                module.aliases[alias.asname or alias.name] = f"{own.name}.{alias.name}"
            elif self.compiled(f"{own.name}.{alias.name}") or self.on_disk(
                f"{own.name}.{alias.name}"
            ):
                pass
            elif (
                not guarded
                and not own.opaque
                and alias.name not in own.bound
                and (own.running or not self.exported(module, alias.asname or alias.name))
            ):
                self.report(module, stmt, own, alias.name)
            module.bound.add(alias.asname or alias.name)

    def listed(self, module: _Module) -> tuple[str, ...] | None:
        """The names ``module``'s ``__all__`` lists, when it is spelled out in literals."""
        info = self.ctx.index.info(module.path)
        if info is None or info.all_names is None or info.all_dynamic:
            return None
        return info.all_names

    def exported(self, module: _Module, name: str) -> bool:
        """Whether PC101 judges ``name`` in ``module``: an export the host looks up."""
        if module.name != self.plugin.module:
            return False
        ep = self.plugin.entry_point
        wanted = {e.name.partition(".")[0] for e in self.ctx.contract.exports}
        return name in wanted or (ep is not None and ep.value.partition(":")[2] == name)

    def report(
        self, module: _Module, stmt: ast.ImportFrom, own: _Module, name: str, star: bool = False
    ) -> None:
        spelled = "." * stmt.level + (stmt.module or "")
        if star:
            why = (
                f"{own.name}.__all__ lists {name!r}, which {own.name} "
                f"{'has not bound yet' if own.running else 'never binds'}"
            )
            fix = f"define {name} in {own.name}, or take it out of its __all__"
            message = (
                f"{module.name}'s `from {spelled} import *` fails with AttributeError when the "
                f"host imports the plugin: {why}"
            )
            self.findings.append(
                PC535.at(
                    self.plugin,
                    Location(module.path, stmt.lineno, stmt.col_offset + 1),
                    message,
                    fix=fix,
                )
            )
            return
        if own.running and own.at is not None:
            why = (
                f"{own.name} is still being imported: its line {own.at.lineno} imports "
                f"{module.name} before {own.name} binds {name} (a circular import)"
            )
            fix = (
                f"bind {name} in {own.name} before that import, move the import into the "
                "function that needs it, or import the module and read the attribute when used"
            )
        else:
            why = f"{own.name} never binds {name}"
            fix = f"import a name {own.name} defines, or define {name} there"
        where: ast.stmt = stmt
        if str(module.path.absolute()) not in self.own and own.at is not None:
            where = own.at  # a module beside the plugin: shown at the plugin's import of it
        self.findings.append(
            PC535.at(
                self.plugin,
                Location(
                    own.path if where is not stmt else module.path,
                    where.lineno,
                    where.col_offset + 1,
                ),
                f"{module.name}'s `from {spelled} import {name}` fails with ImportError when the "
                f"host imports the plugin: {why}",
                fix=fix,
            )
        )


def _absolute(module: _Module, stmt: ast.ImportFrom) -> str | None:
    if not stmt.level:
        return stmt.module
    package = module.name.split(".")
    if module.path.name != "__init__.py":
        package = package[:-1]
    if stmt.level - 1 >= len(package):
        return None
    base = package[: len(package) - (stmt.level - 1)]
    return ".".join([*base, *([stmt.module] if stmt.module else [])])


def _targets(node: ast.expr) -> set[str]:
    return {n.id for n in walk(node) if isinstance(n, ast.Name)}


def _opaque(info: ModuleInfo) -> bool:
    """Whether the module may bind names in ways the replay does not read."""
    return (
        any((dotted_name(node.func) or "") in _OPAQUE_CALLS for node in info.nodes(ast.Call))
        or any(
            node.attr == "modules" and dotted_name(node) == "sys.modules"
            for node in info.nodes(ast.Attribute)
        )
        or any(s.name == "__getattr__" for s in info.nodes(ast.FunctionDef))
        or any(s.name == "__getattr__" for s in info.nodes(ast.AsyncFunctionDef))
    )


def _declared_global(info: ModuleInfo) -> set[str]:
    """Names a function declares ``global``: bound whenever it runs, counted as bound."""
    return {n for node in info.nodes(ast.Global) for n in node.names}


@plugin_check(PC535)
def unbound_imports(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    if plugin.import_root is None or plugin.module_path is None or not plugin.module:
        return
    replay = _Replay(ctx, plugin, plugin.import_root.absolute())
    if replay.path_of(plugin.module) is None:
        return
    replay.load(plugin.module)
    yield from replay.findings
