"""asyncio used where it certainly raises, in code every run reaches (the import's top level, the
factory, a lifecycle method, the entry function):

- ``asyncio.run(x)`` where ``x`` is no coroutine: the function itself (``asyncio.run(main)``),
  a literal, or the call of a plain ``def`` every ``return`` of which is a literal (or that has
  none): ``ValueError: a coroutine was expected``;
- ``asyncio.run(coro())`` where the plugin's own ``async def`` behind ``coro`` itself calls
  ``asyncio.run`` in the code every run of it reaches: ``RuntimeError: asyncio.run() cannot be
  called from a running event loop``;
- a plain ``with`` over a context manager of the standard library that only ``async with``
  takes (``contextlib.AsyncExitStack()``, ``asyncio.Lock()``, ``asyncio.timeout(1)``):
  ``TypeError: ... does not support the context manager protocol``.

A function is followed only when the module binds its name once, at its top level, to an
undecorated ``def`` (or, through ``self.name``, when the class's own chain defines it so and
nothing assigns that attribute).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.certain_evaluated import with_evaluated
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.instance_state import Chain, inherited
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.reached import Function, local_names
from plugcheck.rules.straight_code import certain
from plugcheck.static.effects import canonical_name
from plugcheck.static.function_walk import binds
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import LITERALS, dotted_name

_ASYNC_ONLY = frozenset(
    {
        "contextlib.AsyncExitStack",
        "contextlib.aclosing",
        "asyncio.Lock",
        "asyncio.Semaphore",
        "asyncio.BoundedSemaphore",
        "asyncio.Condition",
        "asyncio.TaskGroup",
        "asyncio.timeout",
        "asyncio.timeout_at",
    }
)
"""Standard-library context managers with ``__aenter__`` and no ``__enter__``."""

Resolve = Callable[[ast.expr], Function | None]
"""The plugin's own undecorated ``def`` a function reference names, when source is sure."""


def module_def(info: ModuleInfo) -> Resolve:
    """Names bound once at the module's top level, to an undecorated ``def``."""
    defs = info.derived("asyncio_misuse.module_defs", _module_defs)

    def resolve(ref: ast.expr) -> Function | None:
        return defs.get(ref.id) if isinstance(ref, ast.Name) else None

    return resolve


def _module_defs(info: ModuleInfo) -> dict[str, Function]:
    """The names no ``global`` statement declares that one top-level statement alone binds, an
    undecorated ``def``: computed once per module (each check asked again per function)."""
    declared = {name for node in info.nodes(ast.Global) for name in node.names}
    bound: dict[str, list[ast.stmt]] = {}
    for stmt in info.tree.body:
        for name in _binds(stmt):
            bound.setdefault(name, []).append(stmt)
    return {
        name: one
        for name, (one, *more) in bound.items()
        if not more
        and name not in declared
        and isinstance(one, ast.FunctionDef | ast.AsyncFunctionDef)
        and not one.decorator_list
    }


def method_def(found: Chain, fn: Function, outer: Resolve) -> Resolve:
    """``self.name`` inside the method ``fn`` of the chain's class: the chain's own undecorated
    ``def`` of that name, when nothing in the chain assigns ``<x>.name``; else as ``outer``."""
    params = [*fn.args.posonlyargs, *fn.args.args]
    me = params[0].arg if params else None

    def resolve(ref: ast.expr) -> Function | None:
        if not (isinstance(ref, ast.Attribute) and isinstance(ref.value, ast.Name)):
            return outer(ref)
        if ref.value.id != me or not found.complete:
            return None
        stored = any(
            isinstance(n, ast.Attribute) and n.attr == ref.attr and not isinstance(n.ctx, ast.Load)
            for cls in found.classes
            for n in ast.walk(cls.node)
        )
        where = inherited(found, ref.attr)
        node = where[1] if where is not None and not stored else None
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.decorator_list:
            return node
        return None

    return resolve


def _binds(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement binds (a ``def`` or class only its own name)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    return {name for node in ast.walk(stmt) for name in binds(node)}


def _origin(info: ModuleInfo, func: ast.expr, local: frozenset[str]) -> str | None:
    name = dotted_name(func)
    if name is None or name.partition(".")[0] in local:
        return None
    return canonical_name(name, info.symbols)


def misuse(
    info: ModuleInfo,
    parts: Iterable[tuple[ast.AST, Iterable[ast.AST]]],
    local: frozenset[str],
    resolve: Resolve,
) -> tuple[ast.AST, str, str] | None:
    """The first of ``parts`` (what every run reaches, as :func:`certain` gives it, each with
    the nodes it evaluates: ``certain_evaluated``) that uses asyncio so that it raises: the
    node, the exception, why."""
    for part, nodes in parts:
        if isinstance(part, ast.withitem):
            made = part.context_expr
            if isinstance(made, ast.Call) and _origin(info, made.func, local) in _ASYNC_ONLY:
                kind = (dotted_name(made.func) or "").rpartition(".")[2]
                return (
                    made,
                    "TypeError",
                    f"a plain `with` over `{ast.unparse(made)[:50]}`, an asynchronous context "
                    f"manager only `async with` takes ('{kind}' object does not support the "
                    "context manager protocol)",
                )
            continue
        for node in nodes:
            if isinstance(node, ast.Call) and _origin(info, node.func, local) == "asyncio.run":
                said = _run_refusal(node, resolve, info)
                if said is not None:
                    return node, *said
    return None


def _run_refusal(call: ast.Call, resolve: Resolve, info: ModuleInfo) -> tuple[str, str] | None:
    if len(call.args) != 1 or call.keywords:
        return None
    given = call.args[0]
    shown = f"`{ast.unparse(call)[:60]}`"
    if isinstance(given, LITERALS) or resolve(given) is not None:
        what = "a function, not the coroutine its call makes" if resolve(given) else "a literal"
        return "ValueError", f"{shown}, whose argument is {what} (a coroutine was expected)"
    if not isinstance(given, ast.Call) or given.args or given.keywords:
        return None
    called = resolve(given.func)
    if isinstance(called, ast.FunctionDef) and _plain_values(called):
        return (
            "ValueError",
            f"{shown}, whose argument is what the plain def {called.name}() returns, no "
            "coroutine (a coroutine was expected)",
        )
    if isinstance(called, ast.AsyncFunctionDef):
        local = local_names(called)
        for part in certain(called.body):
            for node in evaluated(part):
                if isinstance(node, ast.Call) and _origin(info, node.func, local) == "asyncio.run":
                    return (
                        "RuntimeError",
                        f"{shown}, and the coroutine of {called.name}() itself calls "
                        f"`{ast.unparse(node)[:40]}` (line {node.lineno}) inside the running "
                        "event loop (asyncio.run() cannot be called from a running event loop)",
                    )
    return None


def _plain_values(fn: ast.FunctionDef) -> bool:
    """Every call of the plain ``def`` returns a literal or None: no ``yield``, no ``await``
    (none in a plain def), each ``return`` a literal."""
    for node in ast.walk(fn):
        if node is not fn and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return False
        if (
            isinstance(node, ast.Return)
            and node.value is not None
            and not isinstance(node.value, LITERALS)
        ):
            return False
    return True


@plugin_check(PC515)
def import_uses_asyncio(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """PC515 for the first top-level statement of a module the host's import surely runs that
    uses asyncio so that it raises."""
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        resolve = module_def(info)
        for top in info.tree.body:
            found = misuse(info, with_evaluated([top]), frozenset(), resolve)
            if found is None:
                continue
            node, error, why = found
            assert isinstance(node, ast.expr)
            yield PC515.at(
                plugin,
                Location(path, node.lineno, node.col_offset + 1),
                f"{why[0].upper()}{why[1:]} raises {error}: it runs whenever the host imports "
                f"{plugin.module}, so the import always fails",
                fix="run a coroutine with asyncio.run() from synchronous code, and enter an "
                "asynchronous context manager with `async with` inside a coroutine",
            )
            break  # the import stops there
