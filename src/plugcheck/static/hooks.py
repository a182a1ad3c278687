"""Pluggy hookspecs and hookimpls read from source, the way a ``PluginManager`` would see them.

Nothing is imported: markers (``hookimpl = HookimplMarker("pytest")``, ``from pytest import
hookimpl``) are followed through the index to the call that created them, and argument names
are computed with the same rules as ``pluggy._hooks.varnames``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.static.index import External, ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, ValueKind, dotted_name

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
    signature: str = ""


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
    if symbol.value_name.rsplit(".", 1)[-1] != marker:
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
    fn: Function, *, method: bool, static: bool, bound: bool = False
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


def is_generator(fn: Function) -> bool:
    """A ``def`` containing ``yield`` (an ``async def`` never is: pluggy rejects it too)."""
    if isinstance(fn, ast.AsyncFunctionDef):
        return False
    stack: list[ast.AST] = list(fn.body)
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


def _signature(fn: Function) -> str:
    return f"{fn.name}({ast.unparse(fn.args)})"


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


# --- impls -----------------------------------------------------------------------------


def impls_in(
    index: ModuleIndex,
    module: ModuleInfo,
    marking: Marking,
    roots: Sequence[Path],
    own: Sequence[Path],
) -> list[Impl]:
    """The hookimpls registering ``module`` would yield, plus marked methods of its classes.

    ``own`` are the plugin's files: names imported from them are followed (pluggy sees them in
    ``dir(module)``); names imported from elsewhere are not the plugin's hookimpls.
    """
    if module.tree is None:
        return []
    found: list[Impl] = []
    for stmt in _module_statements(module.tree.body):
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            if module.symbols.get(stmt.name, None) is not None and (
                module.symbols[stmt.name].line != stmt.lineno
            ):
                continue  # rebound later; the last binding is what the host sees
            impl = _impl(index, module, stmt, marking, roots, stmt.name, owner=None)
            if impl is not None:
                found.append(impl)
        elif isinstance(stmt, ast.ClassDef):
            for sub in stmt.body:
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                    impl = _impl(
                        index, module, sub, marking, roots, sub.name, owner=stmt.name, marked=True
                    )
                    if impl is not None:
                        found.append(impl)
    owned = {p.resolve() for p in own}
    for name, symbol in module.symbols.items():
        if marking.prefix and not name.startswith(marking.prefix):
            continue
        target: Resolved | External | ModuleInfo | None
        if symbol.kind is SymbolKind.IMPORT and symbol.import_name is not None:
            target = index.resolve(module, name, roots)
        elif symbol.kind is SymbolKind.ASSIGN and symbol.value_kind is ValueKind.NAME:
            # `pytest_configure = _configure`: pluggy sees the function under this name.
            target = resolve_dotted(index, module, symbol.value_name or "", roots)
        else:
            continue
        if not isinstance(target, Resolved) or target.module.path.resolve() not in owned:
            continue
        node = node_at(target.module, target.symbol.line)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            impl = _impl(index, target.module, node, marking, roots, name, owner=None)
            if impl is not None:
                found.append(impl)
    return found


def _impl(
    index: ModuleIndex,
    module: ModuleInfo,
    fn: Function,
    marking: Marking,
    roots: Sequence[Path],
    attr: str,
    *,
    owner: str | None,
    marked: bool = False,
) -> Impl | None:
    if marking.prefix and not attr.startswith(marking.prefix):
        return None
    keywords = _marked(index, module, fn, roots, marking.project, _IMPL_MARKER)
    if keywords is None:
        if marked or not marking.prefix:
            return None
        keywords = {}
    specname = keywords.get("specname")
    hook = (
        specname.value
        if isinstance(specname, ast.Constant) and isinstance(specname.value, str)
        else attr
    )
    args, kwargs = varnames(fn, method=owner is not None, static=_is_static(fn), bound=True)
    return Impl(
        attr=attr,
        hook=hook,
        argnames=args,
        kwargnames=kwargs,
        path=module.path,
        line=fn.lineno,
        col=fn.col_offset + 1,
        owner=owner,
        wrapper=_flag(keywords, "wrapper"),
        hookwrapper=_flag(keywords, "hookwrapper"),
        optionalhook=_flag(keywords, "optionalhook"),
        generator=is_generator(fn),
        signature=_signature(fn),
    )
