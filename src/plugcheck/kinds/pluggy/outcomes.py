"""Pluggy hookimpls ``register`` accepts whose every call fails or hands the host something
other than the hook's result (PC525-PC527): wrappers that always raise or force an exception,
wrappers that replace the list of results by ``None``, ``functools.singledispatch``
functions pluggy calls with no argument."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.kinds.pluggy.checks import checked, impl_label, impl_location, registration_rejects
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.hooks import Impl
from plugcheck.static.hookspecs import Spec
from plugcheck.static.resolve import Function, own_nodes
from plugcheck.static.yields import old_result_uses

PC525 = rule(
    "PC525",
    "hook-wrapper-always-raises",
    Severity.ERROR,
    "A hook wrapper raises on every call once the other hookimpls ran: an unconditional "
    "`raise` after its `yield`, or an old-style `outcome.force_exception(...)`.",
)
PC526 = rule(
    "PC526",
    "wrapper-result-not-a-list",
    Severity.ERROR,
    "A hook wrapper of a hook without firstresult replaces the list of results by a value that "
    "is not a list (`None`): every caller that uses the hook's result fails.",
)
PC527 = rule(
    "PC527",
    "singledispatch-hookimpl-without-argument",
    Severity.ERROR,
    "A `functools.singledispatch` function is a hookimpl that takes no hook argument: pluggy "
    "calls it with none, and singledispatch raises TypeError on every call.",
)

_NOT_ITERABLE = (type(None), bool, int, float, complex)


@plugin_check(PC525, PC526, PC527)
def outcomes(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, hooks, _spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        node = impl.node
        if hook is None or impl.opaque or node is None or registration_rejects(impl, hook):
            continue  # never called, unknown, or rejected at registration (PC501-PC505)
        if isinstance(node, ast.Lambda) or impl.unbound:
            continue
        if impl.wrapped_by == "functools.singledispatch" and not impl.argnames:
            yield PC527.at(
                plugin,
                impl_location(impl),
                f"{impl_label(impl)} is a functools.singledispatch function taking no hook "
                f"argument: pluggy passes it only the arguments it names (none), so every call "
                f"of {impl.hook!r} raises TypeError('{node.name} requires at least 1 "
                "positional argument')",
                fix="take the hook argument to dispatch on as the first parameter, or drop "
                "@functools.singledispatch",
            )
        wraps = impl.wrapper or impl.hookwrapper
        if wraps and impl.wrapped_by is None and isinstance(node, ast.FunctionDef):
            yield from _raises(plugin, impl, node)
            if not (hook.firstresult or hook.historic or hook.returns_none):
                # a spec annotated ``-> None`` says the host uses no result (pytest's runtest
                # hooks): a wrapper ending in a bare ``yield`` breaks nothing there
                yield from _not_a_list(plugin, impl, hook, node)


def _after_yield(fn: Function) -> list[ast.stmt]:
    """The statements of ``fn``'s body after its first top-level statement that yields."""
    for i, stmt in enumerate(fn.body):
        if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(stmt)):
            return fn.body[i + 1 :]
    return []


def _forced(impl: Impl, fn: Function, member: str) -> Iterator[ast.Call]:
    """Unconditional ``outcome.<member>(...)`` calls of an old-style hookwrapper."""
    if not impl.hookwrapper or impl.wrapper:
        return
    uses = {id(use) for use in old_result_uses(fn) if use.attr == member}
    for stmt in _after_yield(fn):
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and id(call.func) in uses:
            yield call


def _raises(plugin: Plugin, impl: Impl, fn: Function) -> Iterator[Finding]:
    label = impl_label(impl)
    for call in _forced(impl, fn, "force_exception"):
        yield PC525.at(
            plugin,
            Location(impl.path, call.lineno, call.col_offset + 1),
            f"{label} calls `force_exception(...)` on every call of {impl.hook!r}: pluggy "
            "raises that exception to the host each time the hook is called",
            fix="force an exception only under a condition, or let the result through",
        )
        return
    if impl.wrapper or impl.hookwrapper:
        # an old-style hookwrapper's raise after its yield reaches the host too (pluggy warns,
        # then re-raises it from the teardown)
        for stmt in _after_yield(fn):
            if isinstance(stmt, ast.Raise) and stmt.exc is not None:
                yield PC525.at(
                    plugin,
                    Location(impl.path, stmt.lineno, stmt.col_offset + 1),
                    f"{label} raises after its `yield` on every path: every call of "
                    f"{impl.hook!r} raises to the host",
                    fix="raise only under a condition, or return the result",
                )
                return
            if isinstance(stmt, ast.Return | ast.If | ast.Try | ast.With | ast.For | ast.While):
                return


def _not_a_list(plugin: Plugin, impl: Impl, hook: Spec, fn: Function) -> Iterator[Finding]:
    label = impl_label(impl)
    lacks = (
        f"{hook.name} is not firstresult, so the host receives the list of its hookimpls' results; "
    )
    for call in _forced(impl, fn, "force_result"):
        value = _constant(call.args[0] if len(call.args) == 1 and not call.keywords else None)
        if value is not None:
            yield PC526.at(
                plugin,
                Location(impl.path, call.lineno, call.col_offset + 1),
                f"{label} calls `force_result({value})` on every call: {lacks}it gets "
                f"{value} instead, and a host iterating the result raises TypeError",
                fix="force a list (`outcome.force_result([...])`), or leave the result alone",
            )
            return
    if not impl.wrapper or impl.hookwrapper:
        return
    returns = [n for n in own_nodes(fn) if isinstance(n, ast.Return)]
    values = [_constant(r.value) if r.value is not None else "None" for r in returns]
    if any(v is None for v in values):
        return  # some path returns something else (the result, a list...)
    shown = values[0] if values else "None"
    where = returns[0] if returns else fn
    yield PC526.at(
        plugin,
        Location(impl.path, where.lineno, where.col_offset + 1),
        f"{label} is declared wrapper=True and returns {shown} on every path: pluggy hands "
        f"what a new-style wrapper returns to the host as the hook's result; {lacks}it gets "
        f"{shown} instead, and a host iterating the result raises TypeError",
        fix="return what `yield` gave (`result = yield` ... `return result`)",
    )


def _constant(expr: ast.expr | None) -> str | None:
    """The source of a constant that is not a list nor iterable (``None``, numbers)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, _NOT_ITERABLE):
        return repr(expr.value)
    return None
