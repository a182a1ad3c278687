"""What a plugin takes from its host's own packages must exist in the installed host (PC53x).

Real ecosystems break this way more than any other: a host release drops a name
(``mkdocs.utils.warning_filter``, ``Sphinx.add_javascript``) and every plugin that still uses
it fails at import or at ``setup(app)``. Names are looked up in the target environment's host
sources, never imported.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Contract, Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.index import External, ModuleIndex
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name

PC530 = rule(
    "PC530",
    "missing-host-name",
    Severity.ERROR,
    "The plugin imports or uses a name of the host's packages that the installed host lacks.",
)


def _validate_packages(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(p, str) and _config._DOTTED.match(p) for p in raw
    ):
        return 'must be a list of top-level package names, e.g. ["sphinx"]'
    return None


_config.EXTRA_CONTRACT_KEYS["host-packages"] = _validate_packages


def host_packages(contract: Contract) -> tuple[str, ...]:
    """Explicit ``host-packages``, else the packages the contract's kind names."""
    explicit = contract.options.get("host-packages")
    if isinstance(explicit, list):
        return tuple(explicit)
    found: list[str] = []
    pluggy = contract.options.get("pluggy")
    if contract.kind == "pluggy" and isinstance(pluggy, dict):
        found += [str(s).partition(":")[0].split(".")[0] for s in pluggy.get("hookspecs", [])]
        found.append(str(pluggy.get("project", "")))
    base = contract.options.get("base")
    if contract.kind == "subclass" and isinstance(base, str):
        found.append(base.partition(":")[0].split(".")[0])
    return tuple(dict.fromkeys(p for p in found if p))


class Lookup(enum.Enum):
    FOUND = "found"
    MISSING = "missing"
    UNKNOWN = "unknown"


def lookup(
    index: ModuleIndex, module: ModuleInfo, name: str, roots: Sequence[Path]
) -> tuple[Lookup, ModuleInfo | None]:
    """Whether ``module`` provides ``name``; the submodule when ``name`` is one."""
    submodule = _submodule(index, module, name)
    if submodule is not None:
        return Lookup.FOUND, submodule
    if "__getattr__" in module.symbols or module.all_dynamic:
        return Lookup.UNKNOWN, None
    found = index.resolve(module, name, roots)
    if found is None:
        if _has_extension(module.path.parent, name):
            return Lookup.UNKNOWN, None
        return Lookup.MISSING, None
    if isinstance(found, External):
        return Lookup.UNKNOWN, None
    symbol = found.symbol
    if symbol.kind is SymbolKind.IMPORT and symbol.import_name is None:
        path = index.find_module(symbol.import_module or "", roots)
        return Lookup.FOUND, index.info(path) if path else None
    return Lookup.FOUND, None


def _submodule(index: ModuleIndex, package: ModuleInfo, name: str) -> ModuleInfo | None:
    if package.path.name != "__init__.py":
        return None
    base = package.path.parent / name
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return index.info(candidate)
    return None


def _has_extension(directory: Path, name: str) -> bool:
    return any(directory.glob(f"{name}.*.so")) or any(directory.glob(f"{name}.*.pyd"))


# --- where a name is used, and whether that use is guarded ---------------------------------

_GUARDS = {"ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "BaseException"}


class How(enum.Enum):
    IMPORT = "import"
    FROM = "from"
    ATTRIBUTE = "attribute"


@dataclass(frozen=True, slots=True)
class Use:
    """``import a.b``, ``from a.b import c`` or ``a.b.c`` (on an imported module), at a line."""

    parts: tuple[str, ...]
    how: How
    line: int
    col: int
    function: str | None
    """The enclosing function; ``None`` at import time."""


class _Uses(ast.NodeVisitor):
    """Unguarded uses of host modules: imports, and attribute chains on imported modules."""

    def __init__(self, packages: set[str]) -> None:
        self.packages = packages
        self.uses: list[Use] = []
        self.bound: dict[str, str] = {}
        self.guarded = 0
        self.function: list[str] = []

    def _host(self, module: str) -> bool:
        return module.split(".")[0] in self.packages

    def _add(self, node: ast.AST, dotted: str, how: How) -> None:
        if self.guarded:
            return
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1
        function = self.function[-1] if self.function else None
        self.uses.append(Use(tuple(dotted.split(".")), how, line, col, function))

    def visit_Try(self, node: ast.Try) -> None:
        bare = any(h.type is None for h in node.handlers)
        caught: set[str] = set()
        for handler in node.handlers:
            types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            caught |= {(dotted_name(t) or "").rsplit(".", 1)[-1] for t in types if t is not None}
        guarded = bare or bool(caught & _GUARDS)
        self.guarded += guarded
        for stmt in node.body:
            self.visit(stmt)
        self.guarded -= guarded
        for stmt in [*node.orelse, *node.finalbody]:
            self.visit(stmt)
        for handler in node.handlers:
            for stmt in handler.body:
                self.visit(stmt)

    visit_TryStar = visit_Try  # type: ignore[assignment]  # same shape as ast.Try

    def visit_If(self, node: ast.If) -> None:
        # Version- or feature-gated code: the branch may never run on this host.
        self.guarded += 1
        self.generic_visit(node)
        self.guarded -= 1

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.function.append(node.name)
        for stmt in node.body:
            self.visit(stmt)
        self.function.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if self._host(alias.name):
                self._add(node, alias.name, How.IMPORT)
                if not self.function:
                    bound = alias.asname or alias.name.split(".")[0]
                    self.bound[bound] = alias.name if alias.asname else bound

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module or not self._host(node.module):
            return
        for alias in node.names:
            if alias.name != "*":
                self._add(node, f"{node.module}.{alias.name}", How.FROM)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = dotted_name(node)
        if chain and isinstance(node.ctx, ast.Load):
            head = chain.split(".")[0]
            if head in self.bound:
                self._add(node, ".".join([self.bound[head], *chain.split(".")[1:]]), How.ATTRIBUTE)
                return
        self.generic_visit(node)


def host_uses(info: ModuleInfo, packages: set[str]) -> list[Use]:
    if info.tree is None:
        return []
    visitor = _Uses(packages)
    # Module-level imports bind first: a function may use a module imported below it.
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Import):
            visitor.visit(stmt)
    visitor.uses.clear()
    visitor.visit(info.tree)
    return visitor.uses


@plugin_check(PC530)
def missing_host_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    packages = set(host_packages(ctx.contract))
    if not packages:
        return
    roots = ctx.api_roots()
    own = {p.resolve() for p in plugin.files}
    reported: set[tuple[str, ...]] = set()
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None:
            continue
        for use in host_uses(info, packages):
            missing = _missing(ctx.index, use.parts, roots, own)
            if missing is None or use.parts[: missing + 1] in reported:
                continue
            reported.add(use.parts[: missing + 1])
            yield _finding(plugin, info, use, missing)


def _missing(
    index: ModuleIndex, parts: tuple[str, ...], roots: Sequence[Path], own: set[Path]
) -> int | None:
    """The index of the first part the installed host lacks, or ``None``."""
    path = index.find_module(parts[0], roots)
    current = index.info(path) if path else None
    if current is None or current.path.resolve() in own:
        return None  # the host is not installed as source here, or the plugin ships the name
    for i, part in enumerate(parts[1:], start=1):
        state, sub = lookup(index, current, part, roots)
        if state is Lookup.MISSING:
            return i
        if state is Lookup.UNKNOWN or sub is None:
            return None  # an object, not a module: its attributes are the type checker's
        current = sub
    return None


def _finding(plugin: Plugin, info: ModuleInfo, use: Use, missing: int) -> Finding:
    owner = ".".join(use.parts[:missing])
    name = use.parts[missing]
    last = missing == len(use.parts) - 1
    if use.how is How.IMPORT or (use.how is How.FROM and not last):
        error = "ModuleNotFoundError"
    elif use.how is How.FROM:
        error = "ImportError"
    else:
        error = "AttributeError"
    when = f"when {use.function}() runs" if use.function else "when the host imports the plugin"
    return PC530.at(
        plugin,
        Location(info.path, use.line, use.col),
        f"the installed {owner} has no {name!r}; the plugin fails with {error} {when}",
        fix=f"use the host's replacement for {owner}.{name} (see the host's changelog), or "
        "guard the use for older host versions",
    )
