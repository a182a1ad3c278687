"""PC549: a new-style hook wrapper whose return value, computed from the result it received,
breaks the hook's call when no hookimpl returned a value.

pluggy sends a ``wrapper=True`` hookimpl, at its ``yield``, the hook's result so far: for a hook
without ``firstresult`` the list of the non-``None`` values the other hookimpls returned (``[]``
when none did, the usual case for a notification hook), for a ``firstresult`` hook the first
such value (``None`` when none did). A wrapper ending in ``return result or None`` turns the
empty list into ``None`` (the host iterating the hook's result raises TypeError), one ending in
``return list(result)`` on a ``firstresult`` hook raises TypeError itself. The wrapper's return
expression is evaluated with that empty value; only the expressions this module can evaluate
(the received name, constants, ``or``/``and``/``if-else``, ``list``/``tuple``/``iter``/``len``
/``sorted``/``set``/``dict`` of one argument) are judged, in a wrapper with one ``return`` at
the end of its body, the name bound by a ``NAME = yield`` statement of the body and never
rebound. It is a warning: when another hookimpl returns a value, the call works.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from plugcheck.kinds.pluggy.checks import checked, impl_label, registration_rejects
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.hookspecs import Spec
from plugcheck.static.resolve import Function, own_nodes

PC549 = rule(
    "PC549",
    "wrapper-breaks-empty-result",
    Severity.WARNING,
    "A new-style hook wrapper's return value, computed from the result it received, is None "
    "for a hook without firstresult, or raises TypeError, when no hookimpl returned a value "
    "(`return result or None`, `return list(result)` on a firstresult hook).",
)


class _Unknown(Exception):
    """The expression is not one this module evaluates."""


class _Raises(Exception):
    """Evaluating the expression raises TypeError."""


_CONVERSIONS = {"list": list, "tuple": tuple, "iter": iter, "len": len, "sorted": sorted}
_CONVERSIONS |= {"set": set, "dict": dict}


def _value(expr: ast.expr, name: str, empty: object, shadowed: set[str]) -> object:
    match expr:
        case ast.Name(id=found) if found == name:
            return empty
        case ast.Constant(value=value):
            return value
        case ast.BoolOp(op=op, values=values):
            result: object = None
            for operand in values:
                result = _value(operand, name, empty, shadowed)
                if bool(result) == isinstance(op, ast.Or):
                    return result
            return result
        case ast.IfExp(test=test, body=body, orelse=orelse):
            chosen = body if _value(test, name, empty, shadowed) else orelse
            return _value(chosen, name, empty, shadowed)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return not _value(operand, name, empty, shadowed)
        case ast.Call(func=ast.Name(id=func), args=[arg], keywords=[]) if (
            func in _CONVERSIONS and func not in shadowed
        ):
            given = _value(arg, name, empty, shadowed)
            try:
                return _CONVERSIONS[func](given)  # type: ignore[operator]
            except TypeError:
                raise _Raises from None
    raise _Unknown


def _module_names(fn: Function, tree: ast.Module | None) -> set[str]:
    """Names the module (or the function) binds: a builtin of that name is not the builtin."""
    names = set()
    for node in [*(ast.walk(tree) if tree is not None else ()), *ast.walk(fn)]:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.partition(".")[0])
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return {n for n in names if hasattr(builtins, n)}


def _received(fn: Function) -> str | None:
    """The name a top-level ``NAME = yield`` of the body binds, never bound again."""
    found = [
        s.targets[0].id
        for s in fn.body
        if isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and isinstance(s.value, ast.Yield)
        and s.value.value is None
    ]
    if len(found) != 1:
        return None
    stores = [
        n
        for n in ast.walk(fn)
        if isinstance(n, ast.Name) and n.id == found[0] and not isinstance(n.ctx, ast.Load)
    ]
    return found[0] if len(stores) == 1 else None


def empty_result_breaks(fn: Function, hook: Spec, tree: ast.Module | None) -> str | None:
    """How ``fn``'s return breaks the call of ``hook`` when no hookimpl returned a value."""
    returns = [n for n in own_nodes(fn) if isinstance(n, ast.Return)]
    name = _received(fn)
    if name is None or len(returns) != 1 or fn.body[-1] is not returns[0]:
        return None
    expr = returns[0].value
    if expr is None:
        return None  # a bare return: PC526's when the hook is not firstresult
    empty: object = None if hook.firstresult else []
    try:
        value = _value(expr, name, empty, _module_names(fn, tree))
    except _Unknown:
        return None
    except _Raises:
        shown = "None" if hook.firstresult else "[]"
        return f"raises TypeError when `{name}` is {shown}"
    if value is None and not hook.firstresult:
        return f"returns None when `{name}` is [], so the host gets None instead of a list"
    return None


@plugin_check(PC549)
def wrapper_breaks_empty_result(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, hooks, _spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        node = impl.node
        if hook is None or impl.opaque or registration_rejects(impl, hook):
            continue
        if not impl.wrapper or impl.hookwrapper or impl.wrapped_by or impl.unbound:
            continue
        if not isinstance(node, ast.FunctionDef) or hook.historic:
            continue
        if hook.returns_none and not hook.firstresult:
            continue  # the host declares it uses no result
        info = ctx.index.info(impl.path)
        how = empty_result_breaks(node, hook, info.tree if info is not None else None)
        if how is None:
            continue
        (ret,) = [n for n in own_nodes(node) if isinstance(n, ast.Return)]
        nothing = "None" if hook.firstresult else "[]"
        yield PC549.at(
            plugin,
            Location(impl.path, ret.lineno, ret.col_offset + 1),
            f"{impl_label(impl)} is declared wrapper=True and its `{ast.unparse(ret)[:60]}` "
            f"{how}: pluggy sends it {nothing} whenever no other hookimpl of {impl.hook!r} "
            "returns a value, and the host's call of the hook then fails",
            fix="return the result as received when it is empty (`return result`), or handle "
            "the empty case before converting it",
            subject=impl.hook,
        )
