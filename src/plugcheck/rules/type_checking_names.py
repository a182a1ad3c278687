"""PC212: a name bound only under ``if TYPE_CHECKING:`` that Python evaluates when the host
imports the plugin (annotations evaluated at definition, bases, decorators, defaults, the values
of top-level statements)."""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator, Mapping

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.may_run import never_runs
from plugcheck.static.effects import canonical_name
from plugcheck.static.parse import ModuleInfo, Symbol, dotted_name, is_main_guard, is_type_checking

PC212 = rule(
    "PC212",
    "type-checking-name-evaluated",
    Severity.ERROR,
    "A name bound only under `if TYPE_CHECKING:` is used where Python evaluates it when the "
    "module is imported (annotations without deferred evaluation, bases, decorators, defaults, "
    "top-level statements).",
)


# --- names that exist only for the type checker -----------------------------------------


def _deferred(tree: ast.Module, version: tuple[int, ...]) -> bool:
    """Annotations are not evaluated at definition time: PEP 563 or PEP 649 (3.14+)."""
    if version[:2] >= (3, 14):
        return True
    return any(
        isinstance(s, ast.ImportFrom)
        and s.module == "__future__"
        and any(a.name == "annotations" for a in s.names)
        for s in tree.body
    )


def _guarded_names(body: list[ast.stmt]) -> dict[str, int]:
    """Names bound in ``if TYPE_CHECKING:`` bodies at module scope: name -> line."""
    names: dict[str, int] = {}
    for stmt in _module_scope(body, guarded=True):
        for bound in _binds(stmt):
            names.setdefault(bound, stmt.lineno)
    return names


def _binds(stmt: ast.stmt) -> list[str]:
    match stmt:
        case ast.Import() | ast.ImportFrom():
            return [a.asname or a.name.partition(".")[0] for a in stmt.names if a.name != "*"]
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            return [stmt.name]
        case ast.Assign():
            return [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        case ast.AnnAssign() if isinstance(stmt.target, ast.Name):
            return [stmt.target.id]
    return []


def _module_scope(body: list[ast.stmt], *, guarded: bool) -> Iterator[ast.stmt]:
    """Module-scope statements that run on import (``guarded``: those under TYPE_CHECKING)."""
    for stmt in body:
        match stmt:
            case ast.If() if is_type_checking(stmt.test):
                if guarded:
                    yield from _flatten(stmt.body)
                yield from _module_scope(stmt.orelse, guarded=guarded)
            case ast.If() if is_main_guard(stmt.test):
                yield from _module_scope(stmt.orelse, guarded=guarded)
            case ast.If() | ast.Try() | ast.With():
                inner = [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
                for handler in getattr(stmt, "handlers", []):
                    inner.extend(handler.body)
                yield from _module_scope(inner, guarded=guarded)
            case _ if not guarded:
                yield stmt


def _flatten(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        if isinstance(stmt, ast.If | ast.Try):
            inner = [*stmt.body, *stmt.orelse]
            for handler in getattr(stmt, "handlers", []):
                inner.extend(handler.body)
            yield from _flatten(inner)
        else:
            yield stmt


def _evaluated(stmt: ast.stmt, annotations: bool) -> Iterator[tuple[ast.expr, str]]:
    """Expressions Python evaluates when ``stmt`` runs at module or class scope."""
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef():
            for decorator in stmt.decorator_list:
                yield decorator, f"the decorator of {stmt.name}()"
            args = stmt.args
            for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
                yield default, f"a default value of {stmt.name}()"
            if annotations:
                every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
                for arg in every:
                    if arg is not None and arg.annotation is not None:
                        yield arg.annotation, f"the annotation of {stmt.name}()'s {arg.arg}"
                if stmt.returns is not None:
                    yield stmt.returns, f"the return annotation of {stmt.name}()"
        case ast.ClassDef():
            for decorator in stmt.decorator_list:
                yield decorator, f"the decorator of class {stmt.name}"
            for base in [*stmt.bases, *(k.value for k in stmt.keywords)]:
                yield base, f"a base of class {stmt.name}"
            for inner in _module_scope(stmt.body, guarded=False):
                yield from _evaluated(inner, annotations)
        case ast.AnnAssign() if annotations:
            yield stmt.annotation, "a variable annotation"


def _top_values(tree: ast.Module) -> Iterator[tuple[ast.expr, str]]:
    """The values the module's own top-level assignments and expression statements evaluate
    (not those under ``if``, ``try`` or ``with``: a guard may catch the NameError)."""
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr) and (
            stmt.value is not None
        ):
            yield stmt.value, f"the value of the module-level statement on line {stmt.lineno}"


_HINT_READERS = frozenset(
    {"typing.get_type_hints", "typing_extensions.get_type_hints", "get_type_hints"}
)


def _hints_read(tree: ast.Module, symbols: Mapping[str, Symbol]) -> Iterator[tuple[ast.expr, str]]:
    """The annotations a top-level ``typing.get_type_hints(f)`` evaluates, ``f`` a function
    or class of the module: deferred (``from __future__ import annotations``) or quoted, the
    call evaluates them all, when the module is imported."""
    defs = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef | ast.ClassDef)}
    for stmt in tree.body:
        call = getattr(stmt, "value", None) if isinstance(stmt, ast.Assign | ast.Expr) else None
        if not isinstance(call, ast.Call) or len(call.args) != 1 or call.keywords:
            continue
        name = canonical_name(dotted_name(call.func), symbols)
        target = defs.get(call.args[0].id) if isinstance(call.args[0], ast.Name) else None
        if name not in _HINT_READERS or target is None or target.lineno > stmt.lineno:
            continue
        what = f"get_type_hints() on line {stmt.lineno}, reading {target.name}'s annotations,"
        parts = [p for p in target.body if isinstance(p, ast.AnnAssign)]
        for part in parts if isinstance(target, ast.ClassDef) else [target]:
            for annotation, where in _evaluated(part, True):
                if "annotation" in where:
                    yield _unquoted(annotation, call), what


def _unquoted(annotation: ast.expr, call: ast.Call) -> ast.expr:
    """The annotation as the expression it spells (a quoted one parsed), placed at ``call``:
    the NameError is raised there."""
    parsed: ast.expr = copy.deepcopy(annotation)
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            parsed = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return annotation
    for node in ast.walk(parsed):
        if isinstance(node, ast.expr):
            node.lineno, node.col_offset = call.lineno, call.col_offset
    return parsed


def _evaluated_nodes(expr: ast.expr) -> Iterator[ast.AST]:
    """``expr``'s nodes, without the bodies of the lambdas in it (run only when called)."""
    todo: list[ast.AST] = [expr]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.Lambda):
            todo.extend(node.args.defaults)
            todo.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        todo.extend(ast.iter_child_nodes(node))


@plugin_check(PC212)
def type_checking_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for finding in _module_names(ctx, plugin, info):
            if never_runs(ctx, plugin, path):
                break  # a test module, a module only a dead branch imports: never run
            yield finding


def _module_names(ctx: Context, plugin: Plugin, info: ModuleInfo) -> Iterator[Finding]:
    assert info.tree is not None
    guarded = _guarded_names(info.tree.body)
    roots = ctx.roots(plugin)
    only = {n: line for n, line in guarded.items() if ctx.index.resolve(info, n, roots) is None}
    if not only:
        return
    annotations = not _deferred(info.tree, ctx.env.version)
    reported: set[str] = set()
    evaluated = [
        *(
            e
            for stmt in _module_scope(info.tree.body, guarded=False)
            for e in _evaluated(stmt, annotations)
        ),
        *_top_values(info.tree),
        *_hints_read(info.tree, info.symbols),
    ]
    evaluated.sort(key=lambda pair: (pair[0].lineno, pair[0].col_offset))  # the first one fails
    for expr, what in evaluated:
        for node in _evaluated_nodes(expr):
            if not isinstance(node, ast.Name) or node.id not in only or node.id in reported:
                continue
            reported.add(node.id)
            yield PC212.at(
                plugin,
                Location(info.path, node.lineno, node.col_offset + 1),
                f"{node.id} is bound only under `if TYPE_CHECKING:` (line {only[node.id]}), "
                f"but {what} is evaluated when the module is imported"
                + (
                    f" (Python {ctx.env.version[0]}.{ctx.env.version[1]} without "
                    "`from __future__ import annotations`)"
                    if "annotation" in what and "get_type_hints" not in what
                    else ""
                )
                + ": the host's import fails with NameError",
                fix=(
                    f"add `from __future__ import annotations`, quote the annotation, or "
                    f"import {node.id} outside the TYPE_CHECKING block"
                    if "annotation" in what and "get_type_hints" not in what
                    else f"import {node.id} outside the TYPE_CHECKING block"
                ),
            )
