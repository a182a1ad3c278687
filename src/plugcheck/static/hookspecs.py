"""Pluggy hookspecs read from source: what ``add_hookspecs`` would register, and the
namespaces a host hands to it. Markers are followed as in :mod:`plugcheck.static.hooks`."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import (
    SPEC_MARKER,
    Function,
    dotted_module,
    marker_project,
    module_file,
    module_statements,
    name_in,
    node_at,
    resolve_dotted,
    varnames,
)
from plugcheck.static.syntax import is_type_checking


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
    returns_none: bool = False
    """The spec is annotated ``-> None``: the host declares it uses no result of the hook."""
    returns_scalar: str | None = None
    """The spec's return annotation when it names only values a host uses as such and never
    iterates (``None``, ``bool``, ``int``, ``float``, ``str``, ``bytes`` and unions of them)."""
    returns_iterator: bool = False
    """The spec is annotated ``-> Iterator[...]``, ``Iterable[...]`` or ``Generator[...]``: the
    host iterates each result, so a generator hookimpl is what it asks for."""
    returns_class: str | None = None
    """``builtins:NAME`` when the return annotation names one concrete builtin class, optionally
    with ``None`` (``-> str | None``, ``-> list[str]``, ``Optional[dict]``), or ``module:Class``
    when it names one class the host defines (``-> mypkg.Thing | None``, resolved through the
    hookspec module's imports): every value a hookimpl returns must be an instance of it."""
    returns_source: str | None = None
    """The return annotation as written, for messages."""


@dataclass(slots=True)
class HookSet:
    """Every spec a host knows, by hook name."""

    specs: dict[str, Spec] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, spec: Spec) -> None:
        self.specs.setdefault(spec.name, spec)


# --- markers ---------------------------------------------------------------------------


def _decorator_call(decorator: ast.expr) -> tuple[str | None, dict[str, ast.expr]]:
    if isinstance(decorator, ast.Call):
        keywords = {k.arg: k.value for k in decorator.keywords if k.arg}
        return dotted_name(decorator.func), keywords
    return dotted_name(decorator), {}


def _flag(keywords: dict[str, ast.expr], name: str) -> bool:
    value = keywords.get(name)
    return isinstance(value, ast.Constant) and value.value is True


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
                for s in module_statements(module.tree.body)
                if isinstance(s, ast.ClassDef) and s.name == class_name
            ),
            None,
        )
        if cls is None:
            return []
        body = cls.body
    found = []
    for stmt in module_statements(body) if class_name is None else body:
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        keywords = _marked(index, module, stmt, roots, marking.project, SPEC_MARKER)
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
                returns_none=_annotated_none(stmt.returns),
                returns_scalar=_scalar_annotation(stmt.returns),
                returns_iterator=_iterator_annotation(stmt.returns),
                returns_class=_declared_class(module, stmt.returns)
                or _host_class(index, module, stmt.returns, roots),
                returns_source=_source(stmt.returns),
            )
        )
    return found


def _annotated_none(annotation: ast.expr | None) -> bool:
    """``-> None`` (or ``-> "None"``)."""
    expr = _annotation(annotation)
    return isinstance(expr, ast.Constant) and expr.value is None


_SCALARS = frozenset({"None", "bool", "int", "float", "complex", "str", "bytes"})


def _annotation(annotation: ast.expr | None) -> ast.expr | None:
    """A return annotation as an expression, a string annotation parsed."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value, mode="eval").body
        except (SyntaxError, ValueError):
            return None
    return annotation


def _scalar_annotation(annotation: ast.expr | None) -> str | None:
    """The annotation's source when every type it names is a scalar (see ``returns_scalar``)."""
    expr = _annotation(annotation)
    return ast.unparse(expr) if expr is not None and _only_scalars(expr, 0) else None


def _iterator_annotation(annotation: ast.expr | None) -> bool:
    expr = _annotation(annotation)
    if isinstance(expr, ast.Subscript):
        expr = expr.value
    name = (dotted_name(expr) or "").rpartition(".")[2] if expr is not None else ""
    return name in ("Iterator", "Iterable", "Generator")


# Concrete classes a result is checked against with isinstance; abstract ones (Sequence,
# Mapping) and the numeric tower (``float`` admits an ``int``) are left out, ``bool`` too (a
# host testing truth takes any value).
_CONCRETE = {"str": "str", "bytes": "bytes", "int": "int", "list": "list", "dict": "dict"}
_CONCRETE |= {"tuple": "tuple", "set": "set", "List": "list", "Dict": "dict", "Tuple": "tuple"}
_CONCRETE |= {"Set": "set"}


def _source(annotation: ast.expr | None) -> str | None:
    expr = _annotation(annotation)
    return None if expr is None else ast.unparse(expr)


def _declared_class(module: ModuleInfo, annotation: ast.expr | None) -> str | None:
    """``builtins:NAME`` for an annotation naming one concrete builtin class, with or without
    ``None`` (see ``Spec.returns_class``); ``None`` for anything else."""
    expr = _annotation(annotation)
    named = set(_class_names(expr, 0)) if expr is not None else {None}
    named.discard("None")
    if len(named) != 1 or None in named:
        return None
    (name,) = named
    bare = (name or "").removeprefix("builtins.").removeprefix("typing.")
    if bare not in _CONCRETE or (bare == name and bare.islower() and bare in module.symbols):
        return None  # not a builtin, or a module-level name that shadows it
    return f"builtins:{_CONCRETE[bare]}"


_STRUCTURAL = ("Protocol", "TypedDict")
"""Bases whose classes ``isinstance`` cannot judge (a Protocol is structural and raises unless
runtime-checkable; a TypedDict raises)."""


def _host_class(
    index: ModuleIndex, module: ModuleInfo, annotation: ast.expr | None, roots: Sequence[Path]
) -> str | None:
    """``module:Class`` for an annotation naming one class the host's source defines at a
    module's top level, with or without ``None``, resolved through the hookspec module's
    imports; ``None`` for anything else (several classes, an alias, a Protocol or TypedDict, a
    class of a library outside the roots, a generic subscripted as ``Box[int]``)."""
    expr = _annotation(annotation)
    named = set(_class_names(expr, 0)) if expr is not None else {None}
    named.discard("None")
    if len(named) != 1 or None in named or _subscripted(expr):
        return None
    (name,) = named
    found = resolve_dotted(index, module, name or "", roots)
    if found is None:  # pytest's `if TYPE_CHECKING: from _pytest.reports import CollectReport`
        found = _checked_only(index, module, name or "", roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    node = node_at(found.module, found.symbol.line)
    if not isinstance(node, ast.ClassDef) or found.module.tree is None:
        return None
    if node not in found.module.tree.body or any(
        (dotted_name(b) or "").rpartition(".")[2] in _STRUCTURAL for b in node.bases
    ):
        return None
    dotted = dotted_module(index, found.module.path, roots)
    return f"{dotted}:{node.name}" if dotted else None


def _checked_only(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path]
) -> Resolved | ModuleInfo | None:
    """What ``dotted`` names through an import the module makes only for type checkers (under
    ``if TYPE_CHECKING:``): the annotation's class, which the harness imports from its own
    module."""
    head, _, rest = dotted.partition(".")
    here = dotted_module(index, module.path, roots) or ""
    package = here if module.path.name == "__init__.py" else here.rpartition(".")[0]
    for stmt in module.tree.body if module.tree is not None else ():
        if not (isinstance(stmt, ast.If) and is_type_checking(stmt.test)):
            continue
        for node in stmt.body:
            if isinstance(node, ast.ImportFrom):
                source = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    base = ".".join(parts[: len(parts) - node.level + 1])
                    source = f"{base}.{source}".strip(".") if base else ""
                for alias in node.names:
                    if (alias.asname or alias.name) == head and source:
                        path = index.find_module(source, roots)
                        info = index.info(path) if path is not None else None
                        if info is not None:
                            inner = f"{alias.name}.{rest}" if rest else alias.name
                            return resolve_dotted(index, info, inner, roots)
    return None


def _subscripted(expr: ast.expr | None) -> bool:
    """A part of the union that is ``Name[...]`` other than Optional/Union (a generic class)."""
    if isinstance(expr, ast.BinOp):
        return _subscripted(expr.left) or _subscripted(expr.right)
    if isinstance(expr, ast.Subscript):
        outer = (dotted_name(expr.value) or "").rpartition(".")[2]
        if outer not in ("Optional", "Union"):
            return True
        inner = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        return any(_subscripted(e) for e in inner)
    return False


def _class_names(expr: ast.expr, depth: int) -> list[str | None]:
    """The dotted names a union annotation is made of (``"None"`` for None); ``None`` for a
    part that is not a plain (or subscripted) name."""
    if depth > 20:
        return [None]
    if isinstance(expr, ast.Constant):
        return ["None"] if expr.value is None else [None]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        return _class_names(expr.left, depth + 1) + _class_names(expr.right, depth + 1)
    if isinstance(expr, ast.Subscript):
        outer = dotted_name(expr.value) or ""
        if outer.rpartition(".")[2] in ("Optional", "Union"):
            inner = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
            return [n for e in inner for n in _class_names(e, depth + 1)]
        return [outer or None]  # list[str] is a list
    if isinstance(expr, ast.Name | ast.Attribute):
        return [dotted_name(expr)]
    return [None]


def _only_scalars(expr: ast.expr, depth: int) -> bool:
    if depth > 20:
        return False
    if isinstance(expr, ast.Constant):
        return expr.value is None
    if isinstance(expr, ast.Name | ast.Attribute):
        name = dotted_name(expr) or ""
        return name.removeprefix("builtins.") in _SCALARS
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        return _only_scalars(expr.left, depth + 1) and _only_scalars(expr.right, depth + 1)
    if isinstance(expr, ast.Subscript):
        outer = (dotted_name(expr.value) or "").rpartition(".")[2]
        inner = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        return outer in ("Optional", "Union") and all(_only_scalars(e, depth + 1) for e in inner)
    return False


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
                target = module_file(index, source / alias.name)
                if target is None:
                    pkg = module_file(index, source)
                    sub = name_in(index, pkg, alias.name, roots) if pkg else None
                    return sub if not rest else None
            else:
                path = index.find_module(f"{node.module}.{alias.name}", roots)
                target = index.info(path) if path else None
                if target is None:
                    pkg_path = index.find_module(node.module or "", roots)
                    pkg = index.info(pkg_path) if pkg_path else None
                    sub = name_in(index, pkg, alias.name, roots) if pkg else None
                    return sub if not rest else None
        if target is None:
            return None
        return resolve_dotted(index, target, rest, roots) if rest else target
    return None
