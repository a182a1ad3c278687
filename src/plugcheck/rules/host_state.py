"""PC550: the host's import of the plugin reads what a host function returns only while the host
runs (IPython's ``get_ipython().user_ns``), and the contract does not set that state up.

Statements directly at the top level of a module the import certainly runs (as PC543 judges):
an attribute read or subscript of a call of a function the plugin imports from one of the host's
packages (``host-packages``, ``api``), or of a top-level name bound to such a call (``ip =
get_ipython()``, then ``ip.user_ns``), where that function, read in the installed host, can
return ``None`` (a bare ``return``, ``return None``, a path that falls off its end, or ``return
other()`` of a host function that can). In the
host, the plugin is imported while that state exists (a running shell); the harness imports it
with only what the contract ``preload``s. Without a ``preload`` the harness's failure there
(PC401) says nothing about the plugin in its host: this warning replaces it. A ``preload`` may
set that state up (a module that starts the host's session) or may not (``plugcheck init``
proposes the module that loads the plugins, which starts nothing): the finding is then an info,
the harness's failure there a warning, and a real import that works withdraws it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.own_imports import loaded
from plugcheck.static.index import External, Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.symbols import SymbolKind
from plugcheck.static.syntax import walk

PC550 = rule(
    "PC550",
    "import-needs-host-state",
    Severity.WARNING,
    "The host's import of the plugin uses what a host function returns only while the host "
    "runs (get_ipython().user_ns), and the contract preloads nothing that sets it up: whether "
    "the import works depends on the host's state, which plugcheck does not reproduce.",
    explains=("PC401",),
    overruled_by="import",  # the real import worked: the state was there
)


def _host_packages(ctx: Context) -> set[str]:
    packages = ctx.contract.options.get("host-packages")
    found = {str(p).split(".")[0] for p in packages} if isinstance(packages, list) else set()
    if ctx.contract.api:
        found.add(ctx.contract.api.split(".")[0])
    return found


def may_return_none(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: Callable[[ast.Call], bool] = lambda _: False,
) -> bool:
    """A bare ``return``, ``return None``, a last statement that can fall off the end, or a
    ``return other()`` where ``returned`` says that call can give None (a host function that
    can)."""
    for node in ast.walk(fn):
        if node is not fn and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if not isinstance(node, ast.Return):
            continue
        if node.value is None or (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            return True
        if isinstance(node.value, ast.Call) and returned(node.value):
            return True
    last = fn.body[-1]
    return not isinstance(last, ast.Return | ast.Raise)


def _function(found: Resolved | External | None) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The definition of a resolved function."""
    if not isinstance(found, Resolved) or found.symbol.kind not in (
        SymbolKind.FUNCTION,
        SymbolKind.ASYNC_FUNCTION,
    ):
        return None
    tree = found.module.tree
    return next(
        (
            d
            for d in (tree.body if tree is not None else [])
            if isinstance(d, ast.FunctionDef | ast.AsyncFunctionDef) and d.name == found.symbol.name
        ),
        None,
    )


def _can_give_none(
    ctx: Context, found: Resolved, roots: list[Path], seen: frozenset[str] = frozenset()
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The host function ``found`` when it can return None, itself or through a host function
    of its module (or one it imports) it returns the call of (``return _current()``)."""
    fn = _function(found)
    key = f"{found.module.path}:{found.symbol.name}"
    if fn is None or key in seen or len(seen) > 5:
        return None

    def returned(call: ast.Call) -> bool:
        if not isinstance(call.func, ast.Name):
            return False
        other = ctx.index.resolve(found.module, call.func.id, roots)
        return isinstance(other, Resolved) and bool(_can_give_none(ctx, other, roots, seen | {key}))

    return fn if may_return_none(fn, returned) else None


def _lazy(ctx: Context, module: str, name: str | None, roots: list[Path]) -> Resolved | None:
    """``name`` that ``module`` serves from its PEP 562 ``__getattr__`` (IPython's
    ``if name == "get_ipython": from .core.getipython import get_ipython; return ...``)."""
    path = ctx.index.find_module(module, roots) if name else None
    info = ctx.index.info(path) if path is not None else None
    if info is None or info.tree is None:
        return None
    getattr_ = next(
        (f for f in info.tree.body if isinstance(f, ast.FunctionDef) and f.name == "__getattr__"),
        None,
    )
    for node in ast.walk(getattr_) if getattr_ is not None else ():
        if not (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Compare)
            and isinstance(node.test.comparators[0], ast.Constant)
            and node.test.comparators[0].value == name
        ):
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.ImportFrom) and any(a.name == name for a in stmt.names):
                base = info.path.parent
                for _ in range(max(stmt.level - 1, 0)):
                    base = base.parent
                where = [base] if stmt.level else roots
                target = ctx.index.find_module(stmt.module or "", where)
                held = ctx.index.info(target) if target is not None else None
                found = ctx.index.resolve(held, str(name), roots) if held else None
                return found if isinstance(found, Resolved) else None
    return None


@plugin_check(PC550)
def needs_host_state(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    packages = _host_packages(ctx)
    if not packages:
        return
    preloaded = bool(
        ctx.contract.options.get("preload") or ctx.contract.options.get("preload-calls")
    )
    roots = ctx.roots(plugin)
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        # Top-level names bound to such a call's result (``ip = get_ipython()``).
        held: dict[str, tuple[str, Resolved, ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for stmt in info.tree.body:
            if not isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.AugAssign):
                # Bound again under an if, a loop, a function... (nothing to forget while
                # nothing is held: most modules hold nothing, and this walked every statement)
                for node in walk(stmt) if held else ():
                    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                        held.pop(node.id, None)
                continue
            for node in evaluated(stmt.value) if stmt.value is not None else ():
                if not isinstance(node, ast.Attribute | ast.Subscript):
                    continue
                value = node.value
                if isinstance(value, ast.Name) and value.id in held:
                    source_name, found, fn = held[value.id]
                    yield _finding(plugin, path, node, source_name, found, fn, preloaded)
                    return  # the import stops there
                hit = _host_call(ctx, info, value, packages, roots)
                if hit is not None:
                    yield _finding(plugin, path, node, *hit, preloaded)
                    return  # the import stops there
            if isinstance(stmt, ast.Expr):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            hit = (
                _host_call(ctx, info, stmt.value, packages, roots)
                if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None
                else None
            )
            for target in targets if held else ():
                for node in walk(target):
                    if isinstance(node, ast.Name):
                        held.pop(node.id, None)
            if hit is not None and len(targets) == 1 and isinstance(targets[0], ast.Name):
                held[targets[0].id] = hit


def _host_call(
    ctx: Context, info: ModuleInfo, call: ast.expr, packages: set[str], roots: list[Path]
) -> tuple[str, Resolved, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    """``hostfn()`` of a function the plugin imports from the host's packages that can return
    None: its dotted name, where it is defined, its definition."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
        return None
    symbol = info.symbols.get(call.func.id)
    source = symbol.import_module if symbol is not None else None
    if not source or source.split(".")[0] not in packages:
        return None
    found = ctx.index.resolve(info, call.func.id, roots)
    if not isinstance(found, Resolved):
        found = _lazy(ctx, source, symbol.import_name if symbol else None, roots)
    fn = _can_give_none(ctx, found, roots) if found is not None else None
    if found is None or fn is None:
        return None
    return f"{source}.{found.symbol.name}", found, fn


def _finding(
    plugin: Plugin,
    path: Path,
    node: ast.Attribute | ast.Subscript,
    name: str,
    found: Resolved,
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    preloaded: bool,
) -> Finding:
    shown = ast.unparse(node).replace("\n", " ")[:60]
    contract = (
        "plugcheck cannot tell whether the contract's `preload` sets it up, nor"
        if preloaded
        else "the contract preloads nothing that sets it up, so plugcheck cannot tell"
    )
    return PC550.at(
        plugin,
        Location(path, node.lineno, node.col_offset + 1),
        f"`{shown}` runs whenever the host imports {plugin.module}, and {name}() "
        f"returns None unless the host's state is set up ({found.module.path.name}:"
        f"{fn.lineno}): in the host it may be (a running session), but {contract} "
        "whether the import works there",
        severity=Severity.INFO if preloaded else None,
        fix="if the host imports plugins only once that state exists, list a module "
        "that sets it up in the contract's `preload`; otherwise read it when the "
        "plugin is first used, and handle None",
    )
