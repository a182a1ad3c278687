"""What a called function certainly does instead of returning: ends the host (``sys.exit`` on
every call), or returns an object only ``async for`` can iterate (PC562's reasons)."""

from __future__ import annotations

import ast

from plugcheck.model import Location
from plugcheck.static.effects import canonical_name
from plugcheck.static.function_walk import own_has, own_of
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at
from plugcheck.static.syntax import walk

_EXITS = ("sys.exit", "os._exit")


def exits_every_call(
    module: ModuleInfo, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[ast.stmt, str] | None:
    """``sys.exit(...)``, ``os._exit(...)`` or ``raise SystemExit`` is a statement of the
    function's own body (not under ``if``, ``try``, ``with`` or a loop) and no statement before
    it returns: every call ends the host (that statement, and what it is). ``None`` when some
    call may return, or when a call runs none of the body (a coroutine or generator function)."""
    if isinstance(function, ast.AsyncFunctionDef) or own_has(function, ast.Yield, ast.YieldFrom):
        return None
    params = {a.arg for a in walk(function.args) if isinstance(a, ast.arg)}
    stored = own_of(function, ast.Name)
    local = params | {n.id for n in stored if isinstance(n.ctx, ast.Store)}
    # A statement before the exit that may return holds a `return` on an earlier line.
    first_return = min((n.lineno for n in own_of(function, ast.Return)), default=None)
    for stmt in function.body:
        if first_return is not None and first_return < stmt.lineno:
            return None
        said = exit_statement(module, stmt, local)
        if said is not None:
            return stmt, f"ends the host on every call ({said} at line {stmt.lineno})"
    return None


def exit_location(module: ModuleInfo, function: ast.FunctionDef | ast.AsyncFunctionDef) -> Location:
    """Where a call of ``function`` fails when it ends the host on every call (the statement,
    where the harness places the failure), else the ``def``."""
    ended = exits_every_call(module, function)
    node = ended[0] if ended is not None else function
    return Location(module.path, node.lineno, node.col_offset + 1)


def exit_statement(module: ModuleInfo, stmt: ast.stmt, local: set[str]) -> str | None:
    """What the statement is, when it ends the process: ``sys.exit(...)`` or ``os._exit(...)``
    (through the module's imports, not a local name), or ``raise SystemExit``."""
    if isinstance(stmt, ast.Raise) and stmt.exc is not None:
        raised = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        if (
            isinstance(raised, ast.Name)
            and raised.id == "SystemExit"
            and raised.id not in local
            and raised.id not in module.symbols
        ):
            return "raises SystemExit"
        return None
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    name = dotted_name(stmt.value.func)
    if name is None or name.partition(".")[0] in local:
        return None
    if canonical_name(name, module.symbols) in _EXITS:
        return f"{ast.unparse(stmt.value)[:40]} raises SystemExit"
    return None


def async_only(module: ModuleInfo, value: ast.expr, local: set[str]) -> str | None:
    """``return C(...)`` where ``C`` is a plain class statement of the module (no base but
    ``object``, no decorator, no metaclass) that defines ``__aiter__`` and neither ``__iter__``
    nor ``__getitem__``: ``iter()`` of the instance raises TypeError."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return None
    name = value.func.id
    symbol = module.symbols.get(name)
    if name in local or symbol is None or symbol.kind is not SymbolKind.CLASS:
        return None
    if symbol.conditional:
        return None
    node = node_at(module, symbol.line)
    if (
        not isinstance(node, ast.ClassDef)
        or node.decorator_list
        or node.keywords
        or any(dotted_name(b) != "object" for b in node.bases)
    ):
        return None
    defined = {
        t.id
        for s in node.body
        for t in (
            [ast.Name(s.name)]
            if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            else s.targets
            if isinstance(s, ast.Assign)
            else [s.target]
            if isinstance(s, ast.AnnAssign | ast.AugAssign)
            else []
        )
        if isinstance(t, ast.Name)
    }
    if "__aiter__" not in defined or defined & {"__iter__", "__getitem__", "__getattr__"}:
        return None
    return (
        f"returns a {name} ({ast.unparse(value)[:40]}), which defines __aiter__ but not "
        "__iter__: only `async for` can iterate it"
    )
