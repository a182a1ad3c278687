"""PC560: an optional import's ``None`` fallback is used at import where the import fails.

``try: from host import hookimpl_v2 as hookimpl`` / ``except ImportError: hookimpl = None``,
then ``@hookimpl`` at module level: where the import fails in the target environment (the
module is not installed there, or the installed host lacks the name), the handler binds
``None`` and the decorator raises TypeError ('NoneType' object is not callable); a
``yaml.SafeLoader`` read after ``yaml = None`` raises AttributeError. Only what is certain is
judged: the import fails in the target (a module no root holds, or a host name PC530's lookup
finds missing), the first handler catching that failure binds the name to ``None`` among
straight-line statements, nothing else in the module binds the name, and the use is in code
the import certainly runs after the ``try`` (a decorator, a default value, a class's bases or
body, a top-level statement; not under a condition, a ``try``, a lambda or a branch of
``x if c else y`` / ``a and b``).
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_names import _missing, host_packages
from plugcheck.rules.host_uses import How
from plugcheck.rules.installed_modules import installed_for
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.raising import always_raises
from plugcheck.rules.reached import BINDERS, binds, local_names
from plugcheck.static.parse import ModuleInfo, catches

PC560 = rule(
    "PC560",
    "none-fallback-used-at-import",
    Severity.ERROR,
    "An optional import's None fallback (except ImportError: X = None) is used by code the "
    "host's import runs, and the import fails in the target environment: the import raises.",
    explains=("PC401",),
    overruled_by="import",  # the real import succeeded: withdrawn
)

_NONE_ATTRIBUTES = frozenset(dir(None))
_MODULE_MISSING = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
_NAME_MISSING = {"ImportError", "Exception", "BaseException"}


@dataclass(frozen=True, slots=True)
class _Fallback:
    name: str
    module: str
    member: str | None
    """``from module import member``; ``None`` for ``import module``."""
    handler: ast.ExceptHandler


def _fallbacks(stmt: ast.Try) -> Iterator[_Fallback]:
    """The names the ``try`` body binds by an absolute import and a handler sets to ``None``."""
    for sub in stmt.body:
        pairs: list[tuple[str, str, str | None]]
        match sub:
            case ast.Import(names=aliases):
                pairs = [(a.asname or a.name, a.name, None) for a in aliases if a.asname]
                pairs += [(a.name, a.name, None) for a in aliases if not a.asname]
            case ast.ImportFrom(module=str(module), level=0, names=aliases):
                pairs = [(a.asname or a.name, module, a.name) for a in aliases if a.name != "*"]
            case _:
                continue
        for name, module, member in pairs:
            if "." in name:
                continue
            for handler in stmt.handlers:
                if _sets_none(handler, name):
                    yield _Fallback(name, module, member, handler)


def _sets_none(handler: ast.ExceptHandler, name: str) -> bool:
    """Whether the handler's straight-line body binds ``name`` to ``None``."""
    if not all(isinstance(s, ast.Assign | ast.Expr | ast.Pass) for s in handler.body):
        return False
    return any(
        isinstance(s, ast.Assign)
        and isinstance(s.value, ast.Constant)
        and s.value.value is None
        and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
        for s in handler.body
    )


def _first_catching(handlers: list[ast.ExceptHandler], names: set[str]) -> ast.ExceptHandler | None:
    for handler in handlers:
        if catches([handler], names):
            return handler
    return None


def _why_fails(ctx: Context, plugin: Plugin, fallback: _Fallback) -> tuple[str, set[str]] | None:
    """Why the import certainly fails in the target, and the handler names that catch it."""
    top = fallback.module.partition(".")[0]
    if top in host_packages(ctx.contract):
        parts = (*fallback.module.split("."), *([fallback.member] if fallback.member else []))
        own = {ctx.index.real(p) for p in plugin.files}
        how = How.FROM if fallback.member else How.IMPORT
        found = _missing(ctx.index, parts, ctx.api_roots(), own, how)
        if found is None or found[1] is not None:
            return None
        lacking = ".".join(parts[: found[0] + 1])
        catching = _NAME_MISSING if found[0] == len(parts) - 1 and fallback.member else None
        return f"the installed host has no {lacking}", catching or _MODULE_MISSING
    if installed_for(ctx, plugin).has(fallback.module):
        return None  # installed: whether it has the name is not known here
    return f"{fallback.module} is not installed in the target environment", _MODULE_MISSING


class _Uses:
    """Where code the import certainly runs uses ``name`` as an object (not a test of it)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[ast.expr, str]] = []

    def _is(self, node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id == self.name

    def expr(self, node: ast.expr | None) -> None:
        if node is None:
            return
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            match current:
                case ast.Attribute(value=value, attr=attr) if self._is(value):
                    if attr not in _NONE_ATTRIBUTES:
                        self.found.append(
                            (
                                current,
                                f"AttributeError: 'NoneType' object has no attribute {attr!r}",
                            )
                        )
                    continue
                case ast.Call(func=func) if self._is(func):
                    self.found.append((current, "TypeError: 'NoneType' object is not callable"))
                    continue
                case ast.Subscript(value=value) if self._is(value):
                    self.found.append(
                        (current, "TypeError: 'NoneType' object is not subscriptable")
                    )
                    continue
                case ast.Lambda():
                    continue
                case ast.IfExp(test=test):
                    stack.append(test)
                    continue
                case ast.BoolOp(values=values):
                    stack.append(values[0])
                    continue
                case ast.ListComp() | ast.SetComp() | ast.DictComp() | ast.GeneratorExp():
                    stack.append(current.generators[0].iter)
                    continue
            stack.extend(ast.iter_child_nodes(current))

    def decorators(self, decorators: list[ast.expr]) -> None:
        for decorator in decorators:
            if self._is(decorator):
                self.found.append((decorator, "TypeError: 'NoneType' object is not callable"))
            else:
                self.expr(decorator)

    def body(self, statements: list[ast.stmt]) -> None:
        for stmt in statements:
            match stmt:
                case ast.FunctionDef() | ast.AsyncFunctionDef():
                    self.decorators(stmt.decorator_list)
                    for default in [*stmt.args.defaults, *stmt.args.kw_defaults]:
                        self.expr(default)
                case ast.ClassDef():
                    self.decorators(stmt.decorator_list)
                    for base in stmt.bases:
                        self.expr(base)
                    for keyword in stmt.keywords:
                        self.expr(keyword.value)
                    self.body(stmt.body)
                case ast.Assign() | ast.AugAssign() | ast.Expr():
                    self.expr(stmt.value)
                case ast.AnnAssign() | ast.Return() if stmt.value is not None:
                    self.expr(stmt.value)  # `return extra.render(page)`: the value is made
                case ast.If() | ast.While():
                    self.expr(stmt.test)
                case ast.For() | ast.AsyncFor():
                    self.expr(stmt.iter)
            if self.found:
                return


def _counts(info: ModuleInfo) -> Counter[str]:
    counts: Counter[str] = Counter()
    for kind in BINDERS:
        nodes: list[ast.AST] = info.nodes(kind)
        for node in nodes:
            counts.update(binds(node))
    return counts


def fallback_read(
    ctx: Context, plugin: Plugin, info: ModuleInfo, fn: ast.FunctionDef, leading: list[ast.stmt]
) -> tuple[ast.expr, str, str] | None:
    """A ``None`` fallback of ``fn``'s module (a top-level ``try`` as above, the import failing
    in the target, nothing else binding the name) that ``fn``'s ``leading`` statements (every
    call runs them) use as an object: the use, why the import fails, the error it raises."""
    tree = info.tree
    if tree is None:
        return None
    counts: Counter[str] | None = None
    local: frozenset[str] | None = None  # walked for a module with a fallback only
    for stmt in tree.body:
        if not isinstance(stmt, ast.Try):
            continue
        for fallback in _fallbacks(stmt):
            local = local if local is not None else local_names(fn)
            if fallback.name in local:
                continue
            counts = counts if counts is not None else _counts(info)
            if counts[fallback.name] != sum(fallback.name in binds(n) for n in ast.walk(stmt)):
                continue  # bound elsewhere too
            uses = _Uses(fallback.name)
            uses.body(leading)
            if not uses.found:
                continue
            failed = _why_fails(ctx, plugin, fallback)
            if failed is None or _first_catching(stmt.handlers, failed[1]) is not fallback.handler:
                continue
            node, error = uses.found[0]
            return node, f"{failed[0]}, so the import in the try at line {stmt.lineno} fails", error
    return None


@plugin_check(PC560)
def none_fallback_used(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        body = info.tree.body
        tries = [i for i, s in enumerate(body) if isinstance(s, ast.Try)]
        if not tries:
            continue
        counts: Counter[str] | None = None
        for i in tries:
            if any(always_raises(s, ctx.env) is not None for s in body[:i]):
                break
            stmt = body[i]
            assert isinstance(stmt, ast.Try)
            for fallback in _fallbacks(stmt):
                counts = counts if counts is not None else _counts(info)
                own = sum(fallback.name in binds(n) for n in ast.walk(stmt))
                if counts[fallback.name] != own:
                    continue  # bound elsewhere too
                uses = _Uses(fallback.name)
                uses.body(body[i + 1 :])
                if not uses.found:
                    continue
                failed = _why_fails(ctx, plugin, fallback)
                if failed is None:
                    continue
                why, caught = failed
                if _first_catching(stmt.handlers, caught) is not fallback.handler:
                    continue
                node, error = uses.found[0]
                yield PC560.at(
                    plugin,
                    Location(path, node.lineno, node.col_offset + 1),
                    f"{why}, so the import in the try at line {stmt.lineno} fails, its "
                    f"handler sets {fallback.name} = None, and this line, run when the host "
                    f"imports the plugin, raises {error}",
                    fix=f"install what provides {fallback.module} in the host's environment, "
                    f"or guard the use (`if {fallback.name} is not None:`) or give the "
                    "fallback a working stand-in",
                )
