"""Pluggy hookspecs and hookimpls read from source, the way a ``PluginManager`` would see them.

Nothing is imported: markers (``hookimpl = HookimplMarker("pytest")``, ``from pytest import
hookimpl``) are followed through the index to the call that created them, and argument names
are computed with the same rules as ``pluggy._hooks.varnames``.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plugcheck.static.index import External, ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, ValueKind, dotted_name, target_names

_IMPLICIT = ("self", "cls")
_IMPL_MARKER = "HookimplMarker"
_SPEC_MARKER = "HookspecMarker"


@dataclass(frozen=True, slots=True)
class Spec:
    """One hook specification: what ``HookSpec`` would hold."""

    name: str
    argnames: tuple[str, ...]
    kwargnames: tuple[str, ...]
    path: Path
    line: int
    firstresult: bool = False
    historic: bool = False
    warn_on_impl: str | None = None
    """The warning's text (or its source) when the spec warns on every implementation."""
    warn_on_impl_args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Impl:
    """One hook implementation found in a plugin."""

    attr: str
    """The attribute name pluggy sees (``dir(plugin)``)."""
    hook: str
    """``specname`` or the attribute name."""
    argnames: tuple[str, ...]
    kwargnames: tuple[str, ...]
    path: Path
    line: int
    col: int
    owner: str | None = None
    """The class holding it, for a method."""
    wrapper: bool = False
    hookwrapper: bool = False
    optionalhook: bool = False
    generator: bool = False
    """What pluggy's ``inspect.isgeneratorfunction`` says of the function it calls."""
    signature: str = ""
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None = field(
        default=None, compare=False, repr=False
    )
    wrapped_by: str | None = None
    """A decorator that replaced the function by a wrapper (``contextlib.contextmanager``)."""
    opaque: bool = False
    """Decorated by something unknown: what pluggy calls cannot be read from source."""
    unbound: bool = False
    """A plain method of a class registered as the class object: called without ``self``."""


@dataclass(slots=True)
class HookSet:
    """Every spec a host knows, by hook name."""

    specs: dict[str, Spec] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, spec: Spec) -> None:
        self.specs.setdefault(spec.name, spec)


# --- resolution ------------------------------------------------------------------------


def resolve_dotted(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path]
) -> Resolved | ModuleInfo | None:
    """What ``a.b.c`` names in ``module``: a definition, a module, or ``None`` when unknown."""
    head, *rest = dotted.split(".")
    current: Resolved | ModuleInfo | None = _name(index, module, head, roots)
    for part in rest:
        if not isinstance(current, ModuleInfo):
            return None
        found = _name(index, current, part, roots)
        if found is None and current.path.name == "__init__.py":
            found = _module(index, current.path.parent / part)
        current = found
    return current


def _name(
    index: ModuleIndex, module: ModuleInfo, name: str, roots: Sequence[Path]
) -> Resolved | ModuleInfo | None:
    symbol = module.symbols.get(name)
    if symbol is not None and symbol.kind is SymbolKind.IMPORT and symbol.import_name is None:
        path = index.find_module(symbol.import_module or "", roots)
        return index.info(path) if path else None
    found = index.resolve(module, name, roots)
    if not isinstance(found, Resolved):
        return None
    sym = found.symbol
    if sym.kind is SymbolKind.IMPORT:
        # `from pkg import sub` naming a submodule.
        base = found.module.path.parent
        if sym.import_level:
            for _ in range(sym.import_level - 1):
                base = base.parent
            target = base.joinpath(*(sym.import_module or "").split(".")) / str(sym.import_name)
            return _module(index, target)
        package = index.find_module(f"{sym.import_module}.{sym.import_name}", roots)
        return index.info(package) if package else None
    return found


def _module(index: ModuleIndex, base: Path) -> ModuleInfo | None:
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return index.info(candidate)
    return None


def node_at(info: ModuleInfo, line: int) -> ast.stmt | None:
    """The module-level (possibly ``if``/``try``-nested) statement starting at ``line``."""
    if info.tree is None:
        return None
    for stmt in _module_statements(info.tree.body):
        if stmt.lineno == line:
            return stmt
    return None


def _module_statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If | ast.Try):
            yield from _module_statements(stmt.body)
            yield from _module_statements(stmt.orelse)
            if isinstance(stmt, ast.Try):
                yield from _module_statements(stmt.finalbody)
                for handler in stmt.handlers:
                    yield from _module_statements(handler.body)


def marker_project(
    index: ModuleIndex,
    module: ModuleInfo,
    dotted: str,
    roots: Sequence[Path],
    marker: str,
    depth: int = 0,
) -> str | None:
    """The project name of the ``marker`` (Hookimpl/HookspecMarker) instance ``dotted`` names."""
    if depth > 10:
        return None
    found = resolve_dotted(index, module, dotted, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.ASSIGN:
        return None
    symbol = found.symbol
    if symbol.value_kind is ValueKind.NAME and symbol.value_name:
        return marker_project(index, found.module, symbol.value_name, roots, marker, depth + 1)
    if symbol.value_kind is not ValueKind.CALL or not symbol.value_name:
        return None
    if not is_marker_class(index, found.module, symbol.value_name, roots, marker):
        return None
    stmt = node_at(found.module, symbol.line)
    value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
    if not isinstance(value, ast.Call):
        return None
    args = [*value.args, *(k.value for k in value.keywords if k.arg == "project_name")]
    return _string(index, found.module, args[0], roots) if args else None


def _string(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr, roots: Sequence[Path]
) -> str | None:
    """A string literal, or a constant naming one (tox: ``HookimplMarker(NAME)``)."""
    if isinstance(expr, ast.Name | ast.Attribute) and (name := dotted_name(expr)):
        found = resolve_dotted(index, module, name, roots)
        stmt = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            expr = stmt.value
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


# --- functions -------------------------------------------------------------------------

Function = ast.FunctionDef | ast.AsyncFunctionDef


def varnames(
    fn: Function | ast.Lambda, *, method: bool, static: bool, bound: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Positional names without and with defaults, as ``pluggy.varnames`` computes them.

    A method of a registered instance is bound: its first parameter goes whatever its name.
    """
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    count = len(fn.args.defaults)
    args = positional[:-count] if count else positional
    kwargs = positional[-count:] if count else []
    if method and not static and args and (bound or args[0] in _IMPLICIT):
        args = args[1:]
    return tuple(args), tuple(kwargs)


def is_generator(fn: Function | ast.Lambda) -> bool:
    """A ``def`` containing ``yield`` (an ``async def`` never is: pluggy rejects it too)."""
    return not isinstance(fn, ast.AsyncFunctionDef) and has_yield(fn)


def has_yield(fn: Function | ast.Lambda) -> bool:
    """``yield`` in ``fn``'s own body (not in functions nested in it)."""
    stack: list[ast.AST] = [fn.body] if isinstance(fn, ast.Lambda) else list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def _decorator_call(decorator: ast.expr) -> tuple[str | None, dict[str, ast.expr]]:
    if isinstance(decorator, ast.Call):
        keywords = {k.arg: k.value for k in decorator.keywords if k.arg}
        return dotted_name(decorator.func), keywords
    return dotted_name(decorator), {}


def _flag(keywords: dict[str, ast.expr], name: str) -> bool:
    value = keywords.get(name)
    return isinstance(value, ast.Constant) and value.value is True


def _signature(fn: Function | ast.Lambda, attr: str = "") -> str:
    name = fn.name if not isinstance(fn, ast.Lambda) else f"{attr} = lambda"
    return f"{name}({ast.unparse(fn.args)})"


@dataclass(frozen=True, slots=True)
class Marking:
    """How a host recognises its hooks: the marker project and an optional name prefix."""

    project: str
    prefix: str | None = None


def _marked(
    index: ModuleIndex,
    module: ModuleInfo,
    fn: Function,
    roots: Sequence[Path],
    project: str,
    marker: str,
) -> dict[str, ast.expr] | None:
    for decorator in fn.decorator_list:
        name, keywords = _decorator_call(decorator)
        if name and marker_project(index, module, name, roots, marker) == project:
            return keywords
    return None


def _is_static(fn: Function) -> bool:
    return any(dotted_name(d) == "staticmethod" for d in fn.decorator_list)


# --- specs -----------------------------------------------------------------------------


def specs_in(
    index: ModuleIndex,
    module: ModuleInfo,
    marking: Marking,
    roots: Sequence[Path],
    class_name: str | None = None,
) -> list[Spec]:
    """The hookspecs ``add_hookspecs(module)`` (or of class ``class_name``) would register."""
    if module.tree is None:
        return []
    body: Sequence[ast.stmt] = module.tree.body
    if class_name is not None:
        cls = next(
            (
                s
                for s in _module_statements(module.tree.body)
                if isinstance(s, ast.ClassDef) and s.name == class_name
            ),
            None,
        )
        if cls is None:
            return []
        body = cls.body
    found = []
    for stmt in _module_statements(body) if class_name is None else body:
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        keywords = _marked(index, module, stmt, roots, marking.project, _SPEC_MARKER)
        if keywords is None:
            if not (marking.prefix and stmt.name.startswith(marking.prefix)):
                continue
            keywords = {}
        args, kwargs = varnames(stmt, method=class_name is not None, static=_is_static(stmt))
        found.append(
            Spec(
                name=stmt.name,
                argnames=args,
                kwargnames=kwargs,
                path=module.path,
                line=stmt.lineno,
                firstresult=_flag(keywords, "firstresult"),
                historic=_flag(keywords, "historic"),
                warn_on_impl=_warning_text(index, module, keywords.get("warn_on_impl"), roots),
                warn_on_impl_args=_warn_args(
                    index, module, keywords.get("warn_on_impl_args"), roots
                ),
            )
        )
    return found


def _warning_text(
    index: ModuleIndex,
    module: ModuleInfo,
    expr: ast.expr | None,
    roots: Sequence[Path],
    depth: int = 0,
) -> str | None:
    """The text of a warning expression: ``W("text")``, a constant naming one, ``C.format(...)``."""
    if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
        return None
    if (
        depth < 5
        and isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "format"
        and not expr.args
    ):
        # pytest: HOOK_LEGACY_PATH_ARG.format(pylib_path_arg="path", ...)
        template = _warning_text(index, module, expr.func.value, roots, depth + 1)
        values = {
            k.arg: k.value.value
            for k in expr.keywords
            if k.arg and isinstance(k.value, ast.Constant)
        }
        if template is not None:
            try:
                return template.format(**values)
            except (KeyError, IndexError, ValueError):
                return template
    if isinstance(expr, ast.Name | ast.Attribute) and (name := dotted_name(expr)):
        found = resolve_dotted(index, module, name, roots)
        if isinstance(found, Resolved):
            stmt = node_at(found.module, found.symbol.line)
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                expr = stmt.value
    if isinstance(expr, ast.Call):
        for arg in expr.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return " ".join(arg.value.split())
    return ast.unparse(expr)


def _warn_args(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr | None, roots: Sequence[Path]
) -> tuple[tuple[str, str], ...]:
    if not isinstance(expr, ast.Dict):
        return ()
    pairs = []
    for key, value in zip(expr.keys, expr.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            pairs.append((key.value, _warning_text(index, module, value, roots) or ""))
    return tuple(pairs)


def added_hookspecs(
    index: ModuleIndex, module: ModuleInfo, roots: Sequence[Path], addhooks: str | None = None
) -> Iterator[tuple[ModuleInfo, str | None]]:
    """Namespaces ``module`` passes to ``<manager>.add_hookspecs(x)`` (or ``addhooks(x)``).

    Inside the ``addhooks`` hookimpl itself, any one-argument call counts: plugins reach the
    method indirectly (``method = getattr(pluginmanager, "add_hookspecs"); method(hookspec)``).
    """
    if module.tree is None:
        return
    local: dict[str, ast.Import | ast.ImportFrom] = {}
    calls = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                local.setdefault(alias.asname or alias.name.partition(".")[0], node)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("add_hookspecs", "addhooks")
            and len(node.args) == 1
        ):
            calls.append(node.args[0])
        elif isinstance(node, ast.FunctionDef) and addhooks and node.name == addhooks:
            calls.extend(
                sub.args[0]
                for sub in ast.walk(node)
                if isinstance(sub, ast.Call) and len(sub.args) == 1 and not sub.keywords
            )
    for arg in calls:
        name = dotted_name(arg)
        if name is None:
            continue
        found = resolve_dotted(index, module, name, roots)
        if found is None and name.partition(".")[0] in local:
            found = _local_import(index, module, local[name.partition(".")[0]], name, roots)
        if isinstance(found, ModuleInfo):
            yield found, None
        elif isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
            yield found.module, found.symbol.name


def _local_import(
    index: ModuleIndex,
    module: ModuleInfo,
    node: ast.Import | ast.ImportFrom,
    name: str,
    roots: Sequence[Path],
) -> Resolved | ModuleInfo | None:
    """``name`` bound by an import inside a function body (``from xdist import newhooks``)."""
    head, _, rest = name.partition(".")
    for alias in node.names:
        if (alias.asname or alias.name.partition(".")[0]) != head:
            continue
        if isinstance(node, ast.Import):
            dotted = alias.name if alias.asname else head
            target: ModuleInfo | None = None
            path = index.find_module(dotted, roots)
            target = index.info(path) if path else None
        else:
            base = module.path.parent
            if node.level:
                for _ in range(node.level - 1):
                    base = base.parent
                source = base.joinpath(*(node.module or "").split(".")) if node.module else base
                target = _module(index, source / alias.name)
                if target is None:
                    pkg = _module(index, source)
                    sub = _name(index, pkg, alias.name, roots) if pkg else None
                    return sub if not rest else None
            else:
                path = index.find_module(f"{node.module}.{alias.name}", roots)
                target = index.info(path) if path else None
                if target is None:
                    pkg_path = index.find_module(node.module or "", roots)
                    pkg = index.info(pkg_path) if pkg_path else None
                    sub = _name(index, pkg, alias.name, roots) if pkg else None
                    return sub if not rest else None
        if target is None:
            return None
        return resolve_dotted(index, target, rest, roots) if rest else target
    return None


# --- what register() finds: the plugin object's namespace -------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Mark:
    """A ``HookimplMarker`` of the contract's project applied to a function, with its options."""

    options: dict[str, ast.expr]


@dataclass(frozen=True, slots=True, eq=False)
class Routine:
    """A function object bound to a name, as far as source tells."""

    node: Function | ast.Lambda
    module: ModuleInfo
    mark: Mark | None = None
    kind: str = "function"
    """``function``, ``staticmethod`` or ``classmethod``."""
    in_class: bool = False
    """Defined in a class body (its ``__qualname__`` is dotted)."""
    wrapped_by: str | None = None
    """A decorator that put a wrapper function in its place (``contextmanager``, a helper using
    ``functools.wraps``): pluggy reads the arguments through ``__wrapped__`` but calls, and tests
    for a generator, the wrapper."""
    wrapper_generator: bool = False
    opaque: bool = False
    """An unknown decorator: what pluggy finds under the name is not known."""


@dataclass(frozen=True, slots=True, eq=False)
class ClassValue:
    node: ast.ClassDef
    module: ModuleInfo


@dataclass(frozen=True, slots=True, eq=False)
class Instance:
    cls: ClassValue


@dataclass(frozen=True, slots=True, eq=False)
class ModuleRef:
    name: str
    info: ModuleInfo | None = None
    """The module's source when it is one of the plugin's own files."""


@dataclass(frozen=True, slots=True, eq=False)
class Foreign:
    """Imported from outside the plugin's files."""

    module: str
    name: str


@dataclass(frozen=True, slots=True, eq=False)
class Value:
    """Anything else; ``expr`` when it is an expression worth reading (a constant)."""

    expr: ast.expr | None = None


Binding = Routine | ClassValue | Instance | ModuleRef | Foreign | Value
_UNKNOWN = Value()


@dataclass(frozen=True, slots=True)
class Target:
    """The interpreter the host runs in: decides ``sys.version_info`` and ``sys.platform`` tests."""

    version: tuple[int, int, int] | None = None
    platform: str | None = None


class Namespaces:
    """Module and class namespaces as they stand after import: dead branches skipped (``if
    TYPE_CHECKING:``, version and platform tests decided for the target), ``del`` honoured, the
    last binding winning, imports and star imports from the plugin's own files followed."""

    def __init__(
        self,
        index: ModuleIndex,
        roots: Sequence[Path],
        own: Sequence[Path],
        project: str,
        target: Target = Target(),
    ) -> None:
        self.index = index
        self.roots = roots
        self.own = {p.resolve() for p in own}
        self.project = project
        self.target = target
        self._modules: dict[Path, dict[str, Binding]] = {}
        self._busy: set[Path] = set()

    def module(self, info: ModuleInfo) -> dict[str, Binding]:
        key = info.path.resolve()
        if key in self._modules:
            return self._modules[key]
        if key in self._busy or info.tree is None:
            return {}
        self._busy.add(key)
        names: dict[str, Binding] = {}
        self._body(info, info.tree.body, names, names, in_class=False)
        self._busy.discard(key)
        self._modules[key] = names
        return names

    def class_namespace(self, cls: ClassValue, depth: int = 0) -> dict[str, Binding]:
        """``dir(cls)`` restricted to what source shows: its body, then its own bases'."""
        module_names = self.module(cls.module)
        names: dict[str, Binding] = {}
        self._body(cls.module, cls.node.body, names, module_names, in_class=True)
        if depth < 10:
            for base in cls.node.bases:
                found = self.lookup(module_names, dotted_name(base) or "")
                if isinstance(found, ClassValue):
                    for name, binding in self.class_namespace(found, depth + 1).items():
                        names.setdefault(name, binding)
        return names

    def lookup(self, names: dict[str, Binding], dotted: str) -> Binding | None:
        head, *rest = dotted.split(".") if dotted else [""]
        found: Binding | None = names.get(head)
        for part in rest:
            if isinstance(found, ClassValue):
                found = self.class_namespace(found).get(part)
            elif isinstance(found, ModuleRef) and found.info is not None:
                package = found.info
                found = self.module(package).get(part)
                if found is None and package.path.name == "__init__.py":
                    sub = _module(self.index, package.path.parent / part)
                    found = ModuleRef(f"{package.path.parent.name}.{part}", sub) if sub else None
            else:
                return None
        return found

    def _own_module(self, dotted: str) -> ModuleInfo | None:
        path = self.index.find_module(dotted, self.roots)
        info = self.index.info(path) if path else None
        return info if info is not None and info.path.resolve() in self.own else None

    # -- statements

    def _body(
        self,
        info: ModuleInfo,
        body: Sequence[ast.stmt],
        names: dict[str, Binding],
        outer: dict[str, Binding],
        *,
        in_class: bool,
    ) -> None:
        for stmt in body:
            self._statement(info, stmt, names, outer, in_class=in_class)

    def _statement(
        self,
        info: ModuleInfo,
        stmt: ast.stmt,
        names: dict[str, Binding],
        outer: dict[str, Binding],
        *,
        in_class: bool,
    ) -> None:
        scope = {**outer, **names} if in_class else names
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                routine: Binding = Routine(stmt, info, in_class=in_class)
                for decorator in reversed(stmt.decorator_list):
                    routine = self.apply(info, decorator, routine, scope)
                names[stmt.name] = routine
            case ast.ClassDef():
                names[stmt.name] = ClassValue(stmt, info)
            case ast.Import():
                for alias in stmt.names:
                    bound = alias.asname or alias.name.partition(".")[0]
                    dotted = alias.name if alias.asname else bound
                    names[bound] = ModuleRef(dotted, self._own_module(dotted))
            case ast.ImportFrom():
                for alias in stmt.names:
                    if alias.name == "*":
                        self._star(info, stmt, names)
                    else:
                        names[alias.asname or alias.name] = self._imported(info, stmt, alias.name)
            case ast.Assign() | ast.AnnAssign() if stmt.value is not None:
                value = self.value(info, stmt.value, scope)
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        names[target.id] = value
                    else:
                        for name in target_names(target):
                            names[name] = _UNKNOWN
            case ast.AugAssign(target=ast.Name(id=name)):
                names[name] = _UNKNOWN
            case ast.Delete():
                for target in stmt.targets:
                    for name in target_names(target) if isinstance(target, ast.Name) else ():
                        names.pop(name, None)
            case ast.If():
                decided = self.decide(stmt.test, scope)
                if decided is not False:
                    self._body(info, stmt.body, names, outer, in_class=in_class)
                if decided is not True:
                    self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.Try() | ast.TryStar():
                for part in (stmt.body, *(h.body for h in stmt.handlers)):
                    self._body(info, part, names, outer, in_class=in_class)
                self._body(info, stmt.orelse, names, outer, in_class=in_class)
                self._body(info, stmt.finalbody, names, outer, in_class=in_class)
            case ast.With() | ast.AsyncWith():
                self._body(info, stmt.body, names, outer, in_class=in_class)
            case ast.For() | ast.AsyncFor() | ast.While():
                self._body(info, stmt.body, names, outer, in_class=in_class)
                self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.Match():
                for case in stmt.cases:
                    self._body(info, case.body, names, outer, in_class=in_class)

    def _import_source(self, info: ModuleInfo, node: ast.ImportFrom) -> ModuleInfo | None:
        if node.level:
            base = info.path.parent
            for _ in range(node.level - 1):
                base = base.parent
            source = base.joinpath(*(node.module or "").split(".")) if node.module else base
            return _module(self.index, source)
        path = self.index.find_module(node.module or "", self.roots)
        return self.index.info(path) if path else None

    def _imported(self, info: ModuleInfo, node: ast.ImportFrom, name: str) -> Binding:
        source = self._import_source(info, node)
        dotted = "." * node.level + (node.module or "")
        if source is None or source.path.resolve() not in self.own:
            return Foreign(dotted, name)
        found = self.module(source).get(name)
        if found is not None:
            return found
        if source.path.name == "__init__.py" and _module(self.index, source.path.parent / name):
            return ModuleRef(f"{dotted}.{name}", _module(self.index, source.path.parent / name))
        return _UNKNOWN

    def _star(self, info: ModuleInfo, node: ast.ImportFrom, names: dict[str, Binding]) -> None:
        source = self._import_source(info, node)
        if source is None or source.path.resolve() not in self.own:
            return
        exported = self.module(source)
        public = (
            source.all_names
            if source.all_names is not None and not source.all_dynamic
            else [n for n in exported if not n.startswith("_")]
        )
        for name in public:
            if name in exported:
                names[name] = exported[name]

    # -- expressions

    def value(self, info: ModuleInfo, expr: ast.expr, scope: dict[str, Binding]) -> Binding:
        """What evaluating ``expr`` binds: a routine (marked or not), a class, an instance..."""
        match expr:
            case ast.Lambda():
                return Routine(expr, info)
            case ast.Name(id=name):
                return scope.get(name, _UNKNOWN)
            case ast.Attribute():
                found = self.lookup(scope, dotted_name(expr) or "")
                return found if isinstance(found, Routine | ClassValue) else _UNKNOWN
            case ast.Call(func=func, args=[arg], keywords=keywords):
                applied = self.marker_application(info, expr, scope)
                if applied is not None:
                    mark, target = applied
                    inner = self.value(info, target, scope)
                    return _marked_with(inner, mark)
                called = self.value(info, func, scope)
                if not keywords and not isinstance(called, ClassValue):
                    # `x = contextmanager(f)`: a decorator applied by hand.
                    return self.apply(info, func, self.value(info, arg, scope), scope)
            case ast.Constant() | ast.Compare() | ast.BoolOp() | ast.UnaryOp():
                return Value(expr)
        if isinstance(expr, ast.Call):
            cls = self.value(info, expr.func, scope)
            if isinstance(cls, ClassValue):
                return Instance(cls)
        return _UNKNOWN

    def marker_application(
        self, info: ModuleInfo, call: ast.Call, scope: dict[str, Binding]
    ) -> tuple[Mark | None, ast.expr] | None:
        """``hookimpl(f, **opts)`` or ``hookimpl(**opts)(f)``: the mark (``None`` for another
        project's marker) and the function it is applied to."""
        if len(call.args) != 1:
            return None
        project = self.marker(info, call.func)
        if project is not None:
            return (Mark(_keywords(call)) if project == self.project else None), call.args[0]
        inner = call.func
        if isinstance(inner, ast.Call) and not inner.args:
            project = self.marker(info, inner.func)
            if project is not None:
                return (Mark(_keywords(inner)) if project == self.project else None), call.args[0]
        return None

    def marker(self, info: ModuleInfo, expr: ast.expr) -> str | None:
        """The project of the ``HookimplMarker`` instance ``expr`` evaluates to."""
        if isinstance(expr, ast.Call):
            name = dotted_name(expr.func)
            if name and is_marker_class(self.index, info, name, self.roots, _IMPL_MARKER):
                args = [*expr.args, *(k.value for k in expr.keywords if k.arg == "project_name")]
                return _string(self.index, info, args[0], self.roots) if args else None
            return None
        name = dotted_name(expr)
        if name is None:
            return None
        return marker_project(self.index, info, name, self.roots, _IMPL_MARKER)

    def apply(
        self, info: ModuleInfo, decorator: ast.expr, routine: Binding, scope: dict[str, Binding]
    ) -> Binding:
        """``decorator(routine)``: what the decorated name holds."""
        if not isinstance(routine, Routine):
            return routine
        if isinstance(decorator, ast.Call) and not decorator.args:
            project = self.marker(info, decorator.func)
            if project is not None:
                return _marked_with(
                    routine, Mark(_keywords(decorator)) if project == self.project else None
                )
        project = self.marker(info, decorator)
        if project is not None:
            return _marked_with(routine, Mark({}) if project == self.project else None)
        name = dotted_name(decorator)
        if name in ("staticmethod", "classmethod") and name not in scope:
            return replace(routine, kind=name)
        found = self.lookup(scope, name or "")
        if isinstance(found, Foreign | ModuleRef) or name is None or found is None:
            origin = _origin(found, name or "")
            if origin in _CONTEXT_MANAGERS:
                return replace(routine, wrapped_by=origin, wrapper_generator=False)
            return replace(routine, opaque=True)
        if isinstance(found, Routine) and isinstance(found.node, ast.FunctionDef):
            return _decorated_by(found, routine)
        return replace(routine, opaque=True)

    def decide(self, test: ast.expr, scope: dict[str, Binding], depth: int = 0) -> bool | None:
        """The value of an ``if`` test when the target decides it, else ``None``."""
        if depth > 10:
            return None
        match test:
            case ast.Constant(value=constant):
                return bool(constant)
            case ast.Name() | ast.Attribute():
                name = dotted_name(test) or ""
                if name.rsplit(".", 1)[-1] == "TYPE_CHECKING":
                    return False
                found = scope.get(name)
                if isinstance(found, Value) and found.expr is not None:
                    return self.decide(found.expr, scope, depth + 1)
                return None
            case ast.UnaryOp(op=ast.Not(), operand=operand):
                inner = self.decide(operand, scope, depth + 1)
                return None if inner is None else not inner
            case ast.BoolOp(op=op, values=values):
                results = [self.decide(v, scope, depth + 1) for v in values]
                if isinstance(op, ast.And):
                    return False if False in results else (None if None in results else True)
                return True if True in results else (None if None in results else False)
            case ast.Compare(left=left, ops=[op], comparators=[right]):
                return self._compare(left, op, right, scope)
            case ast.Call(func=ast.Attribute(value=base, attr="startswith"), args=[prefix]):
                platform = self._target_value(base, scope)
                if isinstance(platform, str) and isinstance(prefix, ast.Constant | ast.Tuple):
                    try:
                        return platform.startswith(ast.literal_eval(prefix))
                    except (ValueError, TypeError):
                        return None
        return None

    def _compare(
        self, left: ast.expr, op: ast.cmpop, right: ast.expr, scope: dict[str, Binding]
    ) -> bool | None:
        if isinstance(left, ast.Name) and left.id == "__name__":
            return False if isinstance(op, ast.Eq) else None  # the `__main__` guard
        a: Any = self._target_value(left, scope)
        b: Any = self._target_value(right, scope)
        if a is None and b is None:
            return None
        try:
            a = a if a is not None else ast.literal_eval(left)
            b = b if b is not None else ast.literal_eval(right)
        except (ValueError, TypeError, SyntaxError):
            return None
        compare = _COMPARE.get(type(op))
        if compare is None:
            return None
        try:
            return bool(compare(a, b))
        except TypeError:
            return None

    def _target_value(self, expr: ast.expr, scope: dict[str, Binding]) -> object:
        """``sys.version_info`` (sliced, indexed, ``.major``) or ``sys.platform`` of the target."""
        version, platform = self.target.version, self.target.platform
        info: object = None
        base, attr, index = expr, None, None
        if isinstance(base, ast.Attribute) and base.attr in ("major", "minor", "micro"):
            attr, base = base.attr, base.value
        elif isinstance(base, ast.Subscript):
            index, base = base.slice, base.value
        name = dotted_name(base) or ""
        if self._sys_attr(name, "version_info", scope) and version is not None:
            info = (*version, "final", 0)
        elif self._sys_attr(name, "platform", scope) and platform and attr is None and not index:
            return platform
        if not isinstance(info, tuple):
            return None
        if attr is not None:
            return info[("major", "minor", "micro").index(attr)]
        if index is None:
            return info
        try:
            if isinstance(index, ast.Slice):
                lower = ast.literal_eval(index.lower) if index.lower else None
                upper = ast.literal_eval(index.upper) if index.upper else None
                return info[lower:upper]
            return info[ast.literal_eval(index)]
        except (ValueError, TypeError, IndexError, SyntaxError):
            return None

    @staticmethod
    def _sys_attr(name: str, attr: str, scope: dict[str, Binding]) -> bool:
        head, _, rest = name.partition(".")
        found = scope.get(head)
        if rest == attr:
            return isinstance(found, ModuleRef) and found.name == "sys"
        return (
            not rest and isinstance(found, Foreign) and (found.module, found.name) == ("sys", attr)
        )


_CONTEXT_MANAGERS = {"contextlib.contextmanager", "contextlib.asynccontextmanager"}
_WRAPS = {"functools.wraps"}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _origin(found: Binding | None, name: str) -> str:
    """``module.attr`` a decorator name stands for (``cm`` from ``from contextlib import
    contextmanager as cm`` is ``contextlib.contextmanager``)."""
    head, _, rest = name.partition(".")
    if isinstance(found, Foreign):
        return f"{found.module}.{found.name}"
    if isinstance(found, ModuleRef):
        return found.name
    return name if not rest else f"{head}.{rest}"


def _keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg}


def _marked_with(routine: Binding, mark: Mark | None) -> Binding:
    """A marker sets its attribute on the function object (another project's is irrelevant)."""
    if not isinstance(routine, Routine) or mark is None:
        return routine
    return replace(routine, mark=mark)


def _decorated_by(decorator: Routine, routine: Routine) -> Binding:
    """A decorator of the plugin's own: returning its argument, or an inner function."""
    fn = decorator.node
    assert isinstance(fn, ast.FunctionDef)
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    results = [node.value for node in _own_nodes(fn) if isinstance(node, ast.Return)]
    returns = [r for r in results if r is not None]
    if not params or not returns or len(returns) != len(results):
        return replace(routine, opaque=True)
    param = params[0]
    if all(isinstance(r, ast.Name) and r.id == param for r in returns):
        return routine
    inner = {s.name: s for s in fn.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    names = {r.id for r in returns if isinstance(r, ast.Name)}
    if len(returns) != 1 or len(names) != 1 or next(iter(names)) not in inner:
        return replace(routine, opaque=True)
    wrapper = inner[next(iter(names))]
    wraps = any(
        isinstance(d, ast.Call)
        and (dotted_name(d.func) or "").rsplit(".", 1)[-1] == "wraps"
        and d.args
        and isinstance(d.args[0], ast.Name)
        and d.args[0].id == param
        for d in wrapper.decorator_list
    )
    if wraps:
        # functools.wraps copies __dict__ (the marker's options) and sets __wrapped__.
        return replace(
            routine,
            wrapped_by=fn.name,
            wrapper_generator=is_generator(wrapper),
        )
    return Routine(wrapper, decorator.module, in_class=False)


def _own_nodes(fn: Function) -> Iterator[ast.AST]:
    """The nodes of ``fn``'s body, not of functions or classes nested in it."""
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))


def is_marker_class(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path], marker: str
) -> bool:
    """Whether ``dotted`` names pluggy's marker class (also imported under another name)."""
    if dotted.rsplit(".", 1)[-1] == marker:
        return True
    if "." in dotted:
        return False
    found = index.resolve(module, dotted, roots)
    if isinstance(found, External):
        return found.name == marker
    if isinstance(found, Resolved):
        symbol = found.symbol
        return marker in (
            symbol.import_name,
            symbol.name if symbol.kind is SymbolKind.CLASS else "",
        )
    return False


# --- impls -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Registered:
    """What the entry point hands to ``register``."""

    kind: str
    """``module``, ``class`` (the class object itself), ``instance`` or ``other``."""
    names: dict[str, Binding]
    owner: str | None = None


def registered(namespaces: Namespaces, module: ModuleInfo, attr: str | None) -> Registered:
    names = namespaces.module(module)
    if not attr:
        return Registered("module", names)
    found = namespaces.lookup(names, attr)
    if isinstance(found, ClassValue):
        return Registered("class", namespaces.class_namespace(found), found.node.name)
    if isinstance(found, Instance):
        return Registered("instance", namespaces.class_namespace(found.cls), found.cls.node.name)
    if isinstance(found, ModuleRef) and found.info is not None:
        return Registered("module", namespaces.module(found.info))
    return Registered("other", {})


def impls_in(
    index: ModuleIndex,
    module: ModuleInfo,
    marking: Marking,
    roots: Sequence[Path],
    own: Sequence[Path],
    *,
    target: Target = Target(),
    attr: str | None = None,
) -> list[Impl]:
    """The hookimpls ``register`` finds in the plugin object: the module, or the class or
    instance the entry point's ``attr`` names (``dir(plugin)``, routines only: a class inside
    a module plugin is never looked into).

    ``own`` are the plugin's files: names imported from them are followed (pluggy sees them in
    ``dir(module)``); names imported from elsewhere are not the plugin's hookimpls.
    """
    if module.tree is None:
        return []
    namespaces = Namespaces(index, roots, own, marking.project, target)
    plugin = registered(namespaces, module, attr)
    found: list[Impl] = []
    for name, binding in plugin.names.items():
        if not isinstance(binding, Routine):
            continue
        impl = _impl(index, binding, marking, roots, name, plugin)
        if impl is not None:
            found.append(impl)
    return sorted(found, key=lambda i: (str(i.path), i.line, i.attr))


def _impl(
    index: ModuleIndex,
    routine: Routine,
    marking: Marking,
    roots: Sequence[Path],
    attr: str,
    plugin: Registered,
) -> Impl | None:
    if marking.prefix and not attr.startswith(marking.prefix):
        return None
    if routine.mark is None and not marking.prefix:
        return None
    keywords = routine.mark.options if routine.mark else {}
    module = routine.module
    fn = routine.node
    hook = _string(index, module, keywords["specname"], roots) if "specname" in keywords else None
    method = routine.in_class and plugin.kind in ("class", "instance")
    bound = method and (plugin.kind == "instance" or routine.kind == "classmethod")
    static = routine.kind == "staticmethod"
    args, kwargs = varnames(fn, method=method, static=static, bound=bound)
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    # Called through the class object: pluggy strips a leading self/cls from the argument names
    # and passes the hook's arguments only, so that parameter takes the first of them.
    unbound = (
        plugin.kind == "class"
        and routine.kind == "function"
        and routine.in_class
        and bool(positional)
        and positional[0] in _IMPLICIT
    )
    generator = routine.wrapper_generator if routine.wrapped_by is not None else is_generator(fn)
    return Impl(
        attr=attr,
        hook=hook or attr,
        argnames=args,
        kwargnames=kwargs,
        path=module.path,
        line=fn.lineno,
        col=fn.col_offset + 1,
        owner=plugin.owner if routine.in_class else None,
        wrapper=_option(index, module, keywords, "wrapper", roots),
        hookwrapper=_option(index, module, keywords, "hookwrapper", roots),
        optionalhook=_option(index, module, keywords, "optionalhook", roots),
        generator=generator,
        signature=_signature(fn, attr),
        node=fn,
        wrapped_by=routine.wrapped_by,
        opaque=routine.opaque,
        unbound=unbound,
    )


def _option(
    index: ModuleIndex,
    module: ModuleInfo,
    keywords: dict[str, ast.expr],
    name: str,
    roots: Sequence[Path],
) -> bool:
    """A boolean marker option: a literal, or a module constant naming one (``wrapper=WRAP``)."""
    value = keywords.get(name)
    if isinstance(value, ast.Name | ast.Attribute) and (dotted := dotted_name(value)):
        found = resolve_dotted(index, module, dotted, roots)
        stmt = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            value = stmt.value
    return isinstance(value, ast.Constant) and bool(value.value)


# --- what a wrapper does when called ----------------------------------------------------

_MANY = 2
"""Yield counts are 0, 1 or ``_MANY`` (two or more)."""


def yield_counts(fn: Function | ast.Lambda) -> set[int] | None:
    """How many times ``fn``'s generator can yield on the paths that end it normally (return or
    fall off the end), capped at two; ``None`` when source cannot tell (``yield from``, a
    ``yield`` inside a conditional expression)."""
    if isinstance(fn, ast.Lambda):
        return None
    flow = _YieldFlow()
    end = flow.block(fn.body, {0})
    return None if flow.unknown else end | flow.returns


class _YieldFlow:
    def __init__(self) -> None:
        self.returns: set[int] = set()
        self.unknown = False
        self.loops: list[tuple[set[int], set[int]]] = []
        """(counts at ``break``, counts at ``continue``) of each enclosing loop."""

    def block(self, body: Sequence[ast.stmt], counts: set[int]) -> set[int]:
        for stmt in body:
            if not counts:
                break
            counts = self.statement(stmt, counts)
        return counts

    def statement(self, stmt: ast.stmt, counts: set[int]) -> set[int]:
        match stmt:
            case ast.Return(value=value):
                self.returns |= self.after(counts, value)
                return set()
            case ast.Raise():
                return set()
            case ast.If(test=test):
                counts = self.after(counts, test)
                if isinstance(test, ast.Constant):
                    return self.block(stmt.body if test.value else stmt.orelse, counts)
                return self.block(stmt.body, counts) | self.block(stmt.orelse, counts)
            case ast.While(test=test):
                forever = isinstance(test, ast.Constant) and bool(test.value)
                return self.loop(stmt, self.after(counts, test), test, forever=forever)
            case ast.For() | ast.AsyncFor():
                counts = self.after(counts, stmt.iter)
                times = _iterations(stmt.iter)
                if times is not None and not stmt.orelse and not _jumps(stmt.body):
                    for _ in range(min(times, _MANY + 1)):  # counts saturate at _MANY
                        counts = self.block(stmt.body, counts)
                    return counts
                return self.loop(stmt, counts, None, forever=False)
            case ast.Try() | ast.TryStar():
                body = self.block(stmt.body, counts)
                most = min(_count(stmt.body), _MANY)
                raised = {min(c + k, _MANY) for c in counts for k in range(most + 1)}
                handled = set().union(*(self.block(h.body, raised) for h in stmt.handlers))
                done = self.block(stmt.orelse, body) | handled
                return self.block(stmt.finalbody, done) if stmt.finalbody else done
            case ast.With() | ast.AsyncWith():
                for item in stmt.items:
                    counts = self.after(counts, item.context_expr)
                return self.block(stmt.body, counts)
            case ast.Match(subject=subject):
                counts = self.after(counts, subject)
                out = set().union(*(self.block(c.body, counts) for c in stmt.cases))
                return out | counts
            case ast.Break():
                self.loops[-1][0].update(counts)
                return set()
            case ast.Continue():
                self.loops[-1][1].update(counts)
                return set()
            case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                return counts
        return self.after(counts, stmt)

    def loop(
        self,
        stmt: ast.While | ast.For | ast.AsyncFor,
        counts: set[int],
        test: ast.expr | None,
        *,
        forever: bool,
    ) -> set[int]:
        breaks: set[int] = set()
        entry = set(counts)
        for _ in range(2 * _MANY + 2):
            again: set[int] = set()
            self.loops.append((breaks, again))
            again |= self.block(stmt.body, entry)
            self.loops.pop()
            grown = entry | self.after(again, test)
            if grown == entry:
                break
            entry = grown
        exhausted = set() if forever else self.block(stmt.orelse, entry)
        return exhausted | breaks

    def after(self, counts: set[int], node: ast.AST | None) -> set[int]:
        """``counts`` once ``node``'s own expressions have run."""
        if node is None:
            return counts
        yields = 0
        for sub in _expression_nodes(node):
            if isinstance(sub, ast.YieldFrom | ast.IfExp | ast.BoolOp | ast.comprehension):
                self.unknown = self.unknown or _count_node(sub) > 0
            elif isinstance(sub, ast.Yield):
                yields += 1
        return {min(c + yields, _MANY) for c in counts}


def _iterations(iterable: ast.expr) -> int | None:
    """How many times a ``for`` runs over ``range(<constants>)`` or a literal tuple/list."""
    if isinstance(iterable, ast.Tuple | ast.List) and not any(
        isinstance(e, ast.Starred) for e in iterable.elts
    ):
        return len(iterable.elts)
    if (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "range"
        and not iterable.keywords
        and 1 <= len(iterable.args) <= 3
        and all(isinstance(a, ast.Constant) and type(a.value) is int for a in iterable.args)
    ):
        bounds = [
            a.value
            for a in iterable.args
            if isinstance(a, ast.Constant) and isinstance(a.value, int)
        ]
        try:
            return len(range(*bounds))
        except ValueError:
            return None
    return None


def _jumps(body: Sequence[ast.stmt]) -> bool:
    """``break``/``continue``/``return``/``raise`` anywhere in ``body`` (nested scopes excluded)."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Break | ast.Continue | ast.Return | ast.Raise | ast.Try):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return False


def _expression_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and its sub-nodes, not the statements of bodies nor nested scopes."""
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        yield current
        for name, value in ast.iter_fields(current):
            if name in ("body", "orelse", "finalbody", "handlers", "cases"):
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if isinstance(child, ast.AST) and not isinstance(child, ast.stmt):
                    stack.append(child)


def _count_node(node: ast.AST) -> int:
    return sum(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(node))


def _count(body: Sequence[ast.stmt]) -> int:
    """Yield expressions in ``body``, nested scopes excluded."""
    total = 0
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            total += 1
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return total


_OLD_RESULT = ("get_result", "force_result", "force_exception", "excinfo")
"""``pluggy.Result`` members: what an old-style hookwrapper's ``outcome = yield`` offers."""


def old_result_uses(fn: Function | ast.Lambda) -> list[ast.Attribute]:
    """``outcome.get_result()`` where ``outcome`` is what a ``yield`` received (or on the
    ``yield`` itself): the old hookwrapper protocol."""
    if isinstance(fn, ast.Lambda):
        return []
    received = {
        target.id
        for node in _own_nodes(fn)
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Yield)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    return [
        node
        for node in _own_nodes(fn)
        if isinstance(node, ast.Attribute)
        and node.attr in _OLD_RESULT
        and (
            isinstance(node.value, ast.Yield)
            or (isinstance(node.value, ast.Name) and node.value.id in received)
        )
    ]


# --- how the host calls its hooks -------------------------------------------------------

_SCAN_LIMIT = 3000
"""Source files read at most when looking for the host's hook calls."""


@dataclass(frozen=True, slots=True)
class HostCall:
    """``<manager>.hook.<name>(a=..., b=...)`` somewhere in the host's source."""

    hook: str
    passed: frozenset[str]
    path: Path
    line: int
    declared: bool = False
    """Declared in the contract (``optional-hooks`` as a table), not read from the host."""


def host_calls(index: ModuleIndex, sources: Sequence[Path]) -> dict[str, list[HostCall]]:
    """The keyword-only hook calls in ``sources`` (files, or package directories), by hook.

    Calls with positional arguments or ``**kwargs`` are left out: what they pass is unknown.
    """
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files.extend(sorted(source.rglob("*.py"))[: _SCAN_LIMIT - len(files)])
        elif source.is_file():
            files.append(source)
    calls: dict[str, list[HostCall]] = {}
    for path in files:
        info = index.info(path)
        if info is None or info.tree is None:
            continue
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Call) and (found := _hook_call(node)) is not None:
                hook, passed = found
                calls.setdefault(hook, []).append(HostCall(hook, passed, path, node.lineno))
    return calls


def _hook_call(node: ast.Call) -> tuple[str, frozenset[str]] | None:
    if not isinstance(node.func, ast.Attribute):
        return None
    func = node.func
    if func.attr == "call_historic" and isinstance(func.value, ast.Attribute):
        caller = func.value
        kwargs = next((k.value for k in node.keywords if k.arg == "kwargs"), None)
        passed = _dict_keys(kwargs) if kwargs is not None else frozenset()
    else:
        caller = func
        if node.args or any(k.arg is None for k in node.keywords):
            return None
        passed = frozenset(k.arg for k in node.keywords if k.arg)
    relay = caller.value
    if not (isinstance(relay, ast.Attribute) and relay.attr == "hook") or passed is None:
        return None
    return caller.attr, passed


def _dict_keys(expr: ast.expr) -> frozenset[str] | None:
    if isinstance(expr, ast.Dict) and all(
        isinstance(k, ast.Constant) and isinstance(k.value, str) for k in expr.keys
    ):
        return frozenset(
            k.value for k in expr.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        )
    if (
        isinstance(expr, ast.Call)
        and dotted_name(expr.func) == "dict"
        and not expr.args
        and all(k.arg for k in expr.keywords)
    ):
        return frozenset(k.arg for k in expr.keywords if k.arg)
    return None
