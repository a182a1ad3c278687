"""What a plugin takes from its host's own packages must exist in the installed host (PC53x).

Real ecosystems break this way more than any other: a host release drops a name
(``mkdocs.utils.warning_filter``, ``Sphinx.add_javascript``) and every plugin that still uses
it fails at import or at ``setup(app)``. Names are looked up in the target environment's host
sources, never imported.
"""

from __future__ import annotations

import ast
import difflib
import enum
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.harness.worker import accepts
from plugcheck.model import (
    ENTRY_POINT_OBJECT,
    Contract,
    Finding,
    Location,
    Phase,
    Plugin,
    Severity,
    TypeRef,
)
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import rejected
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.entry_points import PC540
from plugcheck.static.hooks import node_at, resolve_dotted
from plugcheck.static.index import External, ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, catches, dotted_name

PC530 = rule(
    "PC530",
    "missing-host-name",
    Severity.ERROR,
    "The plugin imports or uses a name of the host's packages that the installed host lacks.",
    explains=("PC401",),  # a name missing from the installed host is why the import fails
    overruled_by="import",  # only a finding about the import (``step``): not a later call
)


def _validate_packages(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(p, str) and _config._DOTTED.match(p) for p in raw
    ):
        return 'must be a list of top-level package names, e.g. ["sphinx"]'
    return None


def host_packages(contract: Contract) -> tuple[str, ...]:
    """Explicit ``host-packages``, else the packages the contract names: its kind's (hookspecs,
    base class), its ``api`` and the modules of its types (the standard library excepted)."""
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
    if contract.api:  # a factory host's plugin API: `from fhost import PluginV2`
        found.append(contract.api.split(".")[0])
    # The types the contract names are the host's: an entry-point object's `babel...:Extractor`,
    # a setup function's `coverage.plugin_support:Plugins` argument.
    refs: list[str] = [ref.module for ref in contract.references()]
    setup = setup_contract(contract)
    if setup is not None:
        refs += [ref.module for ref in setup.arguments if ref is not None]
        refs += [setup.return_type.partition(":")[0]] if setup.return_type else []
    found += [module.split(".")[0] for module in refs]
    return tuple(dict.fromkeys(p for p in found if p and p not in sys.stdlib_module_names))


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
        guarded = catches(node.handlers, _GUARDS)
        self.guarded += guarded
        for stmt in node.body:
            self.visit(stmt)
        # A fallback under `except ImportError:` runs only where the body failed (mccabe:
        # `try: import ast / except ImportError: from flake8.util import ast`), like an `if`.
        for handler in node.handlers:
            for stmt in handler.body:
                self.visit(stmt)
        self.guarded -= guarded
        for stmt in [*node.orelse, *node.finalbody]:
            self.visit(stmt)

    visit_TryStar = visit_Try  # type: ignore[assignment]  # same shape as ast.Try

    def visit_If(self, node: ast.If) -> None:
        # Version- or feature-gated code: the branch may never run on this host.
        self.guarded += 1
        self.generic_visit(node)
        self.guarded -= 1

    def visit_IfExp(self, node: ast.IfExp) -> None:
        # `host.new if hasattr(host, "new") else host.old`: either branch may never run.
        self.visit(node.test)
        self.guarded += 1
        self.visit(node.body)
        self.visit(node.orelse)
        self.guarded -= 1

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        # `hasattr(host, "x") and host.x`: the operands after the first may never run.
        first, *rest = node.values
        self.visit(first)
        self.guarded += 1
        for value in rest:
            self.visit(value)
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
            bound = alias.asname or alias.name.split(".")[0]
            if not self.function and self._host(alias.name) and not self.guarded:
                self.bound[bound] = alias.name if alias.asname else bound
            elif not self.function:
                # `try: import host._x as y / except ImportError: import y`: y may be either.
                self.bound.pop(bound, None)
            if self._host(alias.name):
                self._add(node, alias.name, How.IMPORT)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        host = not node.level and bool(node.module) and self._host(node.module or "")
        if not self.function:
            for alias in node.names:
                bound = alias.asname or alias.name
                self.bound.pop(bound, None)
                if host and not self.guarded and alias.name != "*":
                    # `from host import sub as alias`: alias.x chains are host names too (a
                    # class's attributes stop the walk: they are the type checker's).
                    self.bound[bound] = f"{node.module}.{alias.name}"
        if not host or not node.module:
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
    # A plugin inside a host package (lib.contrib.x.plugin) is judged with its whole package.
    inside = plugin.module.split(".")[0] in packages and plugin.entry_point is None
    roots = ctx.roots(plugin) if inside else ctx.api_roots()
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
    if inside:
        return
    # The modules of its own package that importing the plugin imports too (a mypy plugin
    # `lib.contrib.mypy.plugin` importing `lib.contrib.mypy.features`): what they take from the
    # host at import time fails the host's import of the plugin just the same.
    for info in _imported_with(ctx, plugin):
        for use in host_uses(info, packages):
            if use.function is not None:
                continue
            missing = _missing(ctx.index, use.parts, roots, own)
            if missing is None or use.parts[: missing + 1] in reported:
                continue
            reported.add(use.parts[: missing + 1])
            yield _finding(plugin, info, use, missing, imported_by=plugin.module)


_CLOSURE_LIMIT = 400
"""At most this many of a plugin's own modules are followed (a library's whole package)."""


def _imported_with(ctx: Context, plugin: Plugin) -> Iterator[ModuleInfo]:
    """The modules of the plugin's own top-level package, outside its files, that importing the
    plugin surely imports: its parent packages, and what unguarded module-level imports reach
    from there (not imports in functions, ``if`` branches or import-guarding ``try`` bodies)."""
    if plugin.module_path is None or plugin.import_root is None:
        return
    top = plugin.module.split(".")[0]
    roots = ctx.roots(plugin)
    own = {p.resolve() for p in plugin.files}
    seen: set[str] = set()
    # Depth first in statement order, parents first: the order Python imports them in, so the
    # first missing name reported is the one the host's import fails on.
    stack = [(plugin.module, plugin.module_path), *_parents(ctx.index, plugin.module, roots)[::-1]]
    while stack and len(seen) < _CLOSURE_LIMIT:
        module, path = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        if path.resolve() not in own:
            yield info
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        pending: list[tuple[str, Path]] = []
        for target in _import_targets(info.tree.body, package):
            if target.split(".")[0] != top or target in seen:
                continue
            found = ctx.index.find_module(target, roots)
            if found is not None:
                pending.extend([*_parents(ctx.index, target, roots), (target, found)])
        stack.extend(reversed(pending))


def _parents(index: ModuleIndex, module: str, roots: Sequence[Path]) -> list[tuple[str, Path]]:
    parts = module.split(".")
    found = []
    for n in range(1, len(parts)):
        name = ".".join(parts[:n])
        path = index.find_module(name, roots)
        if path is not None:
            found.append((name, path))
    return found


def _import_targets(body: list[ast.stmt], package: str) -> Iterator[str]:
    """Dotted modules that unguarded module-level imports in ``body`` import (a ``from m import
    n`` gives ``m`` and ``m.n``: ``n`` may be a submodule)."""
    for stmt in body:
        match stmt:
            case ast.Import():
                yield from (alias.name for alias in stmt.names)
            case ast.ImportFrom():
                base = stmt.module or ""
                if stmt.level:
                    parts = package.split(".")
                    if stmt.level - 1 >= len(parts):
                        continue
                    head = ".".join(parts[: len(parts) - (stmt.level - 1)])
                    base = f"{head}.{base}" if base else head
                if not base:
                    continue
                yield base
                yield from (f"{base}.{a.name}" for a in stmt.names if a.name != "*")
            case ast.Try():
                if not catches(stmt.handlers, _GUARDS):
                    yield from _import_targets([*stmt.body, *stmt.orelse], package)
                yield from _import_targets(stmt.finalbody, package)


def _missing(
    index: ModuleIndex, parts: tuple[str, ...], roots: Sequence[Path], own: set[Path]
) -> int | None:
    """The index of the first part the installed host lacks, or ``None``."""
    start = 1
    path = index.find_module(parts[0], roots)
    while path is None and start < len(parts):
        # A namespace package (no __init__.py, perhaps spread over several roots): its
        # submodules are files and folders, a missing one is missing everywhere.
        folders = [r.joinpath(*parts[:start]) for r in roots]
        if not any(f.is_dir() for f in folders):
            return None if start == 1 else start - 1
        start += 1
        path = index.find_module(".".join(parts[:start]), roots)
        name = parts[start - 1]
        present = [f for f in folders if f.is_dir()]
        if any(_has_extension(f, name) for f in present):
            return None
        if path is None and not any((f / name).is_dir() for f in present):
            return start - 1
    current = index.info(path) if path else None
    if current is None or current.path.resolve() in own:
        return None  # the host is not installed as source here, or the plugin ships the name
    for i, part in enumerate(parts[start:], start=start):
        state, sub = lookup(index, current, part, roots)
        if state is Lookup.MISSING:
            return i
        if state is Lookup.UNKNOWN or sub is None:
            return None  # an object, not a module: its attributes are the type checker's
        current = sub
    return None


def _finding(
    plugin: Plugin, info: ModuleInfo, use: Use, missing: int, *, imported_by: str | None = None
) -> Finding:
    """``imported_by``: the plugin module whose import imports ``info``'s module (a module of
    the plugin's own package, outside its files)."""
    owner = ".".join(use.parts[:missing])
    name = use.parts[missing]
    last = missing == len(use.parts) - 1
    # The subject is what the import error names (see dynamic._subject): the module Python
    # cannot find, or the module a `from ... import name` cannot take the name from.
    subject: str | None = None
    if use.how is How.IMPORT or (use.how is How.FROM and not last):
        error = "ModuleNotFoundError"
        subject = ".".join(use.parts[: missing + 1])
    elif use.how is How.FROM:
        error = "ImportError"
        subject = owner
    else:
        error = "AttributeError"
    when = f"when {use.function}() runs" if use.function else "when the host imports the plugin"
    if imported_by is not None:
        when += f" (importing {imported_by} imports this module)"
    return PC530.at(
        plugin,
        Location(info.path, use.line, use.col),
        f"the installed {owner} has no {name!r}; the plugin fails with {error} {when}",
        fix=f"use the host's replacement for {owner}.{name} (see the host's changelog), or "
        "guard the use for older host versions",
        subject=subject,
        step=f"{use.function}()" if use.function else "import",
    )


# --- setup(app) contracts (Sphinx) ---------------------------------------------------------

PC531 = rule(
    "PC531",
    "setup-uses-missing-host-attribute",
    Severity.ERROR,
    "The setup function uses an attribute the host object it receives does not have.",
    overruled_by="setup",  # a call with stand-ins of exactly the declared classes worked
)
PC532 = rule(
    "PC532",
    "setup-call-fails",
    Severity.ERROR,
    "Calling the entry function with the contract's stand-ins fails, or returns what the host "
    "does not accept.",
    phase=Phase.DYNAMIC,
)

_SETUP_KEYS = {
    "export",
    "argument",
    "arguments",
    "stand-in",
    "stand-ins",
    "keyword-stand-ins",
    "metadata-keys",
    "returns",
    "required-keys",
    "return-type",
    "instantiate-with",
}
RETURNS = accepts.RETURNS
"""What the host accepts back from the function (``mapping-or-none``: Sphinx's metadata;
``iterable``: the host iterates the result, as Babel does an extractor's, which runs a generator's
body)."""


@dataclass(frozen=True, slots=True)
class SetupContract:
    export: str
    arguments: tuple[TypeRef | None, ...] = ()
    """The class of the object the host passes at each position (``sphinx.application:Sphinx``
    first); ``None`` where the contract names none."""
    stand_ins: tuple[str, ...] | None = None
    """``module:callable`` per argument, each returning what the host passes there; ``None``:
    no stand-ins supplied, so the function is never called."""
    keyword_stand_ins: tuple[tuple[str, str], ...] = ()
    """``(name, module:callable)`` per keyword argument the host passes (Babel's ``options=``)."""
    metadata_keys: tuple[str, ...] | None = None
    returns: str = "mapping-or-none"
    required_keys: tuple[str, ...] = ()
    return_type: str | None = None
    """``module:Class`` the result must be an instance (or, for ``subclass``, a subclass) of."""
    instantiate_with: tuple[str, ...] = ()
    """Stand-ins the host passes when it instantiates a returned class."""

    def function_of(self, plugin: Plugin) -> str | None:
        """The name of ``plugin``'s function the host calls: ``export``, or the attribute its
        entry point names (``export = "entry-point"``; ``None`` when it names a module)."""
        if self.export != ENTRY_POINT_OBJECT:
            return self.export
        ep = plugin.entry_point
        return ep.attr if ep is not None else None

    def call(self, function: str) -> str:
        """``extract(babel_contract:fileobj(), ..., options=babel_contract:options())``."""
        made = [f"{ref}()" for ref in self.stand_ins or ()]
        made += [f"{name}={ref}()" for name, ref in self.keyword_stand_ins]
        return f"{function}({', '.join(made)})"


def _is_ref(value: object) -> bool:
    return isinstance(value, str) and bool(_config._TYPEREF.match(value))


def _validate_setup(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: " + ", ".join(sorted(_SETUP_KEYS))
    unknown = sorted(set(raw) - _SETUP_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_SETUP_KEYS))})"
    export = raw.get("export")
    if not isinstance(export, str) or not (export.isidentifier() or export == ENTRY_POINT_OBJECT):
        return (
            '`export` (the setup function\'s name, e.g. "setup", or "entry-point": the object '
            "each entry point names) is required"
        )
    for key in ("argument", "stand-in", "return-type"):
        value = raw.get(key)
        if value is not None and not _is_ref(value):
            return f'`{key}` must be "module:name", got {value!r}'
    for key in ("stand-ins", "instantiate-with"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, list) or not all(map(_is_ref, value))):
            return f'`{key}` must be a list of "module:callable", one per argument, got {value!r}'
    keywords = raw.get("keyword-stand-ins")
    if keywords is not None and (
        not isinstance(keywords, dict)
        or not all(k.isidentifier() and _is_ref(r) for k, r in keywords.items())
    ):
        return (
            '`keyword-stand-ins` must be a table: name = "module:callable", one per keyword '
            f"argument the host passes, got {keywords!r}"
        )
    if keywords and "stand-in" not in raw and "stand-ins" not in raw:
        return "`keyword-stand-ins` goes with `stand-ins` (`[]` when the host passes only keywords)"
    arguments = raw.get("arguments")
    if arguments is not None and (
        not isinstance(arguments, list) or not all(a == "" or _is_ref(a) for a in arguments)
    ):
        return (
            '`arguments` must be a list of "module:Class", one per argument ("" for one not '
            f"checked), got {arguments!r}"
        )
    if "argument" in raw and "arguments" in raw:
        return (
            "`argument` (the first argument's class) and `arguments` (one per argument) exclude "
            "each other"
        )
    if "stand-in" in raw and "stand-ins" in raw:
        return "`stand-in` (one argument) and `stand-ins` (one per argument) exclude each other"
    for key in ("metadata-keys", "required-keys"):
        keys = raw.get(key)
        if keys is not None and (
            not isinstance(keys, list) or not all(isinstance(k, str) for k in keys)
        ):
            return f"`{key}` must be a list of strings"
    returns = raw.get("returns", "mapping-or-none")
    if returns not in RETURNS:
        return f"`returns` must be one of: {', '.join(RETURNS)}, got {returns!r}"
    typed = returns in ("instance", "subclass")
    if typed != ("return-type" in raw):
        return '`return-type` ("module:Class") goes with returns = "instance" or "subclass"'
    if "instantiate-with" in raw and returns != "subclass":
        return '`instantiate-with` goes with returns = "subclass"'
    if "required-keys" in raw and returns not in ("mapping", "mapping-or-none"):
        return '`required-keys` goes with returns = "mapping" or "mapping-or-none"'
    return None


FIELDS = {
    "host-packages": _config.Field(
        _validate_packages,
        {"type": "array", "items": {"type": "string"}},
        "The host's top-level packages, when the kind does not name them (PC530).",
    ),
    "setup-function": _config.Field(
        _validate_setup,
        _config.TABLE,
        "The module-level function the host calls with its stand-ins (PC531).",
    ),
}
"""Contract keys of the host-API rules (any Python kind)."""


def setup_contract(contract: Contract) -> SetupContract | None:
    raw = contract.options.get("setup-function")
    if not isinstance(raw, dict):
        return None

    def ref(value: object) -> TypeRef | None:
        if not isinstance(value, str):
            return None
        module, _, name = value.partition(":")
        return TypeRef(module, name)

    keys = raw.get("metadata-keys")
    stand_ins = raw.get("stand-ins")
    if stand_ins is None and isinstance(raw.get("stand-in"), str):
        stand_ins = [raw["stand-in"]]
    return SetupContract(
        export=raw["export"],
        arguments=tuple(ref(a) if a else None for a in raw.get("arguments", [raw.get("argument")])),
        stand_ins=tuple(stand_ins) if isinstance(stand_ins, list) else None,
        keyword_stand_ins=tuple(raw.get("keyword-stand-ins", {}).items()),
        metadata_keys=tuple(keys) if isinstance(keys, list) else None,
        returns=raw.get("returns", "mapping-or-none"),
        required_keys=tuple(raw.get("required-keys", ())),
        return_type=raw.get("return-type"),
        instantiate_with=tuple(raw.get("instantiate-with", ())),
    )


class _Members:
    """Every attribute a host class provides, through its bases; ``None`` when unknowable."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def of(self, found: Resolved, depth: int = 0) -> set[str] | None:
        node = node_at(found.module, found.symbol.line)
        if not isinstance(node, ast.ClassDef) or depth > 20:
            return None
        names: set[str] = set()
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                if stmt.name in ("__getattr__", "__getattribute__"):
                    return None
                names.add(stmt.name)
                for sub in ast.walk(stmt):
                    if (
                        isinstance(sub, ast.Attribute)
                        and isinstance(sub.ctx, ast.Store)
                        and isinstance(sub.value, ast.Name)
                        and sub.value.id == "self"
                    ):
                        names.add(sub.attr)
            elif isinstance(stmt, ast.Assign):
                names |= {
                    n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)
                }
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names.add(stmt.target.id)
            elif isinstance(stmt, ast.ClassDef):
                names.add(stmt.name)
        roots = self.ctx.api_roots()
        for base in node.bases:
            expr = base.value if isinstance(base, ast.Subscript) else base
            name = dotted_name(expr)
            if name in ("object", "Generic", "typing.Generic"):
                continue
            target = resolve_dotted(self.ctx.index, found.module, name or "", roots)
            if not isinstance(target, Resolved) or target.symbol.kind is not SymbolKind.CLASS:
                return None
            inherited = self.of(target, depth + 1)
            if inherited is None:
                return None
            names |= inherited
        return names


def _attribute_test(test: ast.expr, param: str) -> tuple[str, bool] | None:
    """``hasattr(app, "x")`` / ``"x" in dir(app)`` / ``getattr(app, "x", None)`` (negatable)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _attribute_test(test.operand, param)
        return (inner[0], not inner[1]) if inner else None
    if (
        isinstance(test, ast.Call)
        and dotted_name(test.func) in ("hasattr", "getattr")
        and len(test.args) >= 2
        and isinstance(test.args[0], ast.Name)
        and test.args[0].id == param
        and isinstance(test.args[1], ast.Constant)
        and isinstance(test.args[1].value, str)
    ):
        return test.args[1].value, True
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.In | ast.NotIn)
        and isinstance(test.left, ast.Constant)
        and isinstance(test.left.value, str)
        and isinstance(test.comparators[0], ast.Call)
        and dotted_name(test.comparators[0].func) == "dir"
        and len(test.comparators[0].args) == 1
        and isinstance(test.comparators[0].args[0], ast.Name)
        and test.comparators[0].args[0].id == param
    ):
        return test.left.value, isinstance(test.ops[0], ast.In)
    return None


def _gated(test: ast.expr) -> bool:
    """A version or feature gate: either branch may be dead on the installed host."""
    for node in ast.walk(test):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(name, str) and "version" in name.lower():
            return True
        if isinstance(node, ast.Call) and dotted_name(node.func) in ("hasattr", "getattr"):
            return True
        if isinstance(node, ast.Compare) and any(
            isinstance(c, ast.Tuple) for c in node.comparators
        ):
            return True
    return False


def _uses_of(body: list[ast.stmt], param: str, members: set[str]) -> Iterator[ast.Attribute]:
    """Unguarded ``param.attr`` reads on the branches that run against this host."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            check = _attribute_test(stmt.test, param)
            if check is not None:
                live = stmt.body if (check[0] in members) is check[1] else stmt.orelse
                yield from _uses_of(live, param, members)
                continue
            if _gated(stmt.test):
                continue
            yield from _reads(stmt.test, param)
            yield from _uses_of(stmt.body, param, members)
            yield from _uses_of(stmt.orelse, param, members)
        elif isinstance(stmt, ast.Try):
            if not catches(stmt.handlers, _GUARDS):
                yield from _uses_of(stmt.body, param, members)
            yield from _uses_of([*stmt.orelse, *stmt.finalbody], param, members)
            for handler in stmt.handlers:
                yield from _uses_of(handler.body, param, members)
        elif isinstance(stmt, ast.For | ast.AsyncFor | ast.While | ast.With | ast.AsyncWith):
            for field in ("iter", "test", "items"):
                value = getattr(stmt, field, None)
                for part in value if isinstance(value, list) else [value]:
                    if isinstance(part, ast.AST):
                        yield from _reads(part, param)
            yield from _uses_of(stmt.body, param, members)
            yield from _uses_of(getattr(stmt, "orelse", []), param, members)
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield from _reads(stmt, param)


def _reads(node: ast.AST, param: str) -> Iterator[ast.Attribute]:
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.ctx, ast.Load)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == param
        ):
            yield sub


@plugin_check(PC531)
def setup_attributes(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = setup_contract(ctx.contract)
    info = ctx.module(plugin)
    if spec is None or not any(spec.arguments) or info is None:
        return
    name = spec.function_of(plugin)
    if name is None or "." in name:
        return
    roots = ctx.roots(plugin)
    found = ctx.index.resolve(info, name, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.FUNCTION:
        return
    function = node_at(found.module, found.symbol.line)
    if not isinstance(function, ast.FunctionDef):
        return
    params = [*function.args.posonlyargs, *function.args.args]
    for param, argument in zip(params, spec.arguments, strict=False):
        if argument is not None:
            yield from _argument_uses(ctx, plugin, spec, found, function, param.arg, argument)


def _argument_uses(
    ctx: Context,
    plugin: Plugin,
    spec: SetupContract,
    found: Resolved,
    function: ast.FunctionDef,
    param: str,
    argument: TypeRef,
) -> Iterator[Finding]:
    """PC531 for the attributes ``function`` reads on ``param`` that ``argument`` lacks."""
    host_path = ctx.index.find_module(argument.module, ctx.api_roots())
    host_info = ctx.index.info(host_path) if host_path else None
    host = (
        resolve_dotted(ctx.index, host_info, argument.name, ctx.api_roots()) if host_info else None
    )
    if not isinstance(host, Resolved) or host.symbol.kind is not SymbolKind.CLASS:
        return
    members = _Members(ctx).of(host)
    if members is None:
        return
    seen: set[str] = set()
    for use in _uses_of(function.body, param, members):
        if use.attr in members or use.attr in seen or use.attr.startswith("__"):
            continue
        seen.add(use.attr)
        close = difflib.get_close_matches(use.attr, sorted(members), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        host_name = f"{argument.module}.{argument.name}"
        yield PC531.at(
            plugin,
            Location(found.module.path, use.lineno, use.col_offset + 1),
            f"{function.name}() uses {param}.{use.attr}, but the installed {host_name} has no "
            f"attribute {use.attr!r}{hint}; the host's call fails with AttributeError",
            fix=f"use the host's current API{f' ({close[0]})' if close else ''}, or guard the "
            f"call with hasattr({param}, {use.attr!r}) for older hosts",
        )


def run_setup(data: RunInput) -> list[Finding]:
    """Call each plugin's entry function once, with the contract's stand-ins for its arguments."""
    findings: list[Finding] = []
    if not data.options.dynamic:
        return findings
    for contract, plugins in data.contracts:
        spec = setup_contract(contract)
        if spec is None or spec.stand_ins is None:
            continue  # no stand-ins supplied: never call plugin code with a made-up host
        request = {
            "mode": "setup",
            "export": spec.export,
            "stand_ins": list(spec.stand_ins),
            "keyword_stand_ins": dict(spec.keyword_stand_ins),
            "metadata_keys": list(spec.metadata_keys) if spec.metadata_keys is not None else None,
            "returns": spec.returns,
            "required_keys": list(spec.required_keys),
            "return_type": spec.return_type,
            "instantiate_with": list(spec.instantiate_with),
            "argument_types": [str(a) if a else "" for a in spec.arguments],
        }
        runnable = [
            p for p in plugins if p.module_path is not None and spec.function_of(p) is not None
        ]
        twins = {PC531.code, PC530.code, PC540.code}
        for answer in rejected(data, contract, runnable, request, twins):
            function = spec.function_of(answer.plugin) or answer.plugin.module
            findings.append(
                PC532.at(
                    answer.plugin,
                    answer.location,
                    f"calling {spec.call(function)} as the host does fails: {answer.message}",
                    fix=f"make {function}() work with the installed host's API and return "
                    "what the host accepts",
                )
            )
    return findings


register_pass(RunPass(name="setup-function", order=62, run=run_setup, enabled=lambda o: True))
