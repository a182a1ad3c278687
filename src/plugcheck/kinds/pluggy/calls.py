"""Pluggy hookimpls that ``register`` accepts but that fail, or do nothing, each time the host
calls them (PC507-PC509, PC511-PC514, and PC214 for a missing import every call runs)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from plugcheck.kinds.pluggy.call_reads import passed_values
from plugcheck.kinds.pluggy.checks import (
    PC507,
    PC508,
    PC509,
    PC511,
    PC512,
    PC513,
    PC514,
    PC523,
    PC563,
    checked,
    impl_label,
    impl_location,
    registration_rejects,
    unknown,
)
from plugcheck.kinds.pluggy.contract import PluggyContract
from plugcheck.model import (
    Finding,
    Location,
    Plugin,
    Related,
    Severity,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.installed import PC214, call_time_import
from plugcheck.rules.stand_in_values import opening_test
from plugcheck.static.hooks import Impl
from plugcheck.static.hookspecs import Spec
from plugcheck.static.host_calls import HostCall, host_calls
from plugcheck.static.resolve import Function, has_yield
from plugcheck.static.syntax import dotted_name
from plugcheck.static.yields import (
    LIST_MEMBERS,
    old_result_uses,
    result_as_value_uses,
    result_in_arithmetic,
    uneven_ending,
    yield_counts,
)

# --- registered, but broken on every call -------------------------------------------------


@plugin_check(PC507, PC508, PC509, PC511, PC512, PC513, PC514, PC523, PC563, PC214)
def broken_calls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """Hookimpls ``register`` accepts that fail (or do nothing) each time the host calls them."""
    for impl, hooks, spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        if hook is None and not impl.opaque and not unknown(impl, spec):
            yield from _unpassed(ctx, plugin, impl, spec)
        if hook is None or impl.opaque or impl.node is None or registration_rejects(impl, hook):
            continue  # never called, unknown, or rejected at registration (PC501-PC505)
        if impl.forwards_required and impl.forwarded:
            yield _passes_nothing(plugin, impl)
            continue
        misfit = _wrapper_misfit(plugin, impl)
        if misfit is not None:
            yield misfit
            continue
        known = passed_values(ctx, plugin, impl, spec)
        yield from _call_failures(plugin, impl, hook, spec, _helpers(ctx, impl), known)
        made = None if spec.awaits or impl.wrapper or impl.hookwrapper else _made(ctx, impl)
        if made is not None:
            yield PC508.at(
                plugin,
                impl_location(impl),
                f"{impl_label(impl)} returns {made}(...), the coroutine of the `async def` "
                f"{made}, on every path: pluggy hands it to the host as the result of "
                f"{impl.hook!r}, nobody awaits it, and its body never runs",
                fix=f"run it to completion (`asyncio.run({made}(...))`, or the host's loop), "
                "or do the work synchronously",
            )
        node = impl.node
        runs = not impl.unbound and impl.wrapped_by is None
        if isinstance(node, ast.AsyncFunctionDef):
            runs = runs and spec.awaits  # else PC508: the body never runs
        if impl.generator and not (impl.wrapper or impl.hookwrapper):
            # else PC509: it runs only if the host iterates the result
            runs = runs and (spec.awaits or hook.returns_iterator)
        if runs and not isinstance(node, ast.Lambda):
            lazy = call_time_import(ctx, plugin, node, impl.path, impl_label(impl), impl.hook)
            if lazy is not None:
                yield lazy


def _passes_nothing(plugin: Plugin, impl: Impl) -> Finding:
    assert impl.forwarded is not None
    signature, line = impl.forwarded
    names = ", ".join(repr(a) for a in impl.forwards_required)
    return PC523.at(
        plugin,
        Location(impl.path, line, 1),
        f"{impl_label(impl)} is a decorator's wrapper that takes only *args/**kwargs and has "
        f"no functools.wraps: pluggy reads its parameters, passes it no arguments, and it "
        f"calls {signature} without {names}; every call of hook {impl.hook!r} raises TypeError",
        fix="decorate the wrapper with @functools.wraps(fn), so that pluggy reads the "
        "parameters of the function it wraps",
    )


def _wrapper_misfit(plugin: Plugin, impl: Impl) -> Finding | None:
    """The wrapper pluggy calls with ``len(argnames)`` positional arguments cannot take them:
    too few positional parameters and no ``*args``, or more required ones than it is given."""
    if impl.calls is None:
        return None
    wrapper = impl.calls.node
    a = wrapper.args
    positional = [p.arg for p in (*a.posonlyargs, *a.args)]
    required = positional[: len(positional) - len(a.defaults)]
    keyword_only = [k.arg for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is None]
    passed = len(impl.argnames)
    if len(positional) < passed and a.vararg is None:
        why = f"takes {len(positional)} positional argument(s) but pluggy passes {passed}"
    elif len(required) > passed:
        why = f"requires {len(required)} positional argument(s) but pluggy passes {passed}"
    elif keyword_only:
        why = f"requires keyword-only {keyword_only[0]!r}, which pluggy never passes"
    else:
        return None
    args = ", ".join(impl.argnames) or "no arguments"
    name = wrapper.name if not isinstance(wrapper, ast.Lambda) else "lambda"
    where = Location(impl.calls.module.path, wrapper.lineno, wrapper.col_offset + 1)
    return PC563.at(
        plugin,
        impl_location(impl),
        f"{impl_label(impl)} is called through the wrapper {name}({ast.unparse(a)}) its "
        f"decorator returns, which keeps it as __wrapped__: pluggy reads ({args}) from "
        f"{impl_label(impl)} and calls the wrapper with them; the wrapper {why}, so every "
        f"call of hook {impl.hook!r} raises TypeError",
        fix=f"give the wrapper the parameters of the function it wraps ({args}), or "
        "*args, **kwargs passed on to it",
        related=[Related(where, "the wrapper pluggy calls")],
    )


def _unpassed(ctx: Context, plugin: Plugin, impl: Impl, spec: PluggyContract) -> Iterator[Finding]:
    """An optional hook (no hookspec) asking for an argument a call in the host's source omits."""
    calls = memo(ctx, ("pluggy-host-calls", ctx.contract.name), lambda: _host_calls(ctx, spec))
    declared = [
        HostCall(hook, frozenset(args), ctx.contract.source, 1, declared=True)
        for hook, args in spec.optional_arguments
        if hook == impl.hook
    ]
    for call in [*declared, *calls.get(impl.hook, ())]:
        missing = [a for a in impl.argnames if a not in call.passed]
        if not missing:
            continue
        names = ", ".join(repr(a) for a in missing)
        passed = ", ".join(sorted(call.passed)) or "no arguments"
        where = (
            "as the contract's optional-hooks declares"
            if call.declared
            else f"{ctx.shown(call.path)}:{call.line}"
        )
        yield PC514.at(
            plugin,
            impl_location(impl),
            f"{impl_label(impl)} asks for argument(s) {names}, but {spec.project} calls hook "
            f"{impl.hook!r}, which has no hookspec, with {passed} only "
            f"({where}); that call raises HookCallError: hook call "
            f"must provide argument {missing[0]!r}",
            fix=f"ask only for arguments the host passes ({passed}), or give {names} a default",
            related=[Related(Location(call.path, call.line), f"the host calls {impl.hook} here")],
        )
        return


def _host_calls(ctx: Context, spec: PluggyContract) -> dict[str, list[HostCall]]:
    """Hook calls in the packages that hold the contract's hookspec modules."""
    roots = ctx.api_roots()
    sources = []
    for entry in spec.hookspecs:
        top = entry.partition(":")[0].split(".")[0]
        path = ctx.index.find_module(top, roots)
        if path is not None:
            sources.append(path.parent if path.name == "__init__.py" else path)
    return host_calls(ctx.index, sources)


def _helpers(ctx: Context, impl: Impl) -> Callable[[str], Function | None]:
    """The module-level function a name in the hookimpl's module is bound to, when the module
    binds that name once, with that ``def``, outside any block."""

    def find(name: str) -> Function | None:
        found = _bound_once(ctx, impl, name)
        return found if isinstance(found, ast.FunctionDef) else None

    return find


def _bound_once(ctx: Context, impl: Impl, name: str) -> ast.stmt | None:
    """The ``def`` or ``async def`` statement of the hookimpl's module that binds ``name``, when
    it is the module's only binding of that name and stands outside any block."""
    info = ctx.index.info(impl.path)
    body = info.tree.body if info is not None and info.tree is not None else []
    bound = [
        node
        for node in ast.walk(ast.Module(body=body, type_ignores=[]))
        if (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store))
        or (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.name == name
        )
        or (isinstance(node, ast.alias) and (node.asname or node.name) == name)
    ]
    top = [
        s for s in body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == name
    ]
    return top[0] if len(bound) == 1 and top == bound else None


def _made(ctx: Context, impl: Impl) -> str | None:
    """The ``async def`` of the module whose call the plain hookimpl returns on every path
    (``return _work(config)``, the ``await`` forgotten): the hook's result is a coroutine."""
    node = impl.node
    if not isinstance(node, ast.FunctionDef) or impl.wrapped_by is not None or has_yield(node):
        return None
    if not node.body or not isinstance(node.body[-1], ast.Return | ast.Raise):
        return None  # a path may fall off the end and return None
    values = [n.value for n in ast.walk(node) if isinstance(n, ast.Return)]
    called = {
        v.func.id if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) else None
        for v in values
    }
    if len(called) != 1 or None in called:
        return None
    name = next(iter(called))
    assert name is not None
    if name in {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}:
        return None
    made = _bound_once(ctx, impl, name)
    if not isinstance(made, ast.AsyncFunctionDef) or made.decorator_list or has_yield(made):
        return None
    return name


def _call_failures(
    plugin: Plugin,
    impl: Impl,
    hook: Spec,
    spec: PluggyContract,
    helpers: Callable[[str], Function | None] | None = None,
    known: Mapping[str, tuple[str, Any]] | None = None,
) -> Iterator[Finding]:
    node = impl.node
    assert node is not None
    label = impl_label(impl)
    wraps = impl.wrapper or impl.hookwrapper
    if impl.unbound and impl.registered == "class":
        yield PC513.at(
            plugin,
            impl_location(impl),
            f"the entry point names the class {impl.owner}, not an instance: pluggy registers the "
            f"class object and calls {label} unbound, so `self` takes the first hook argument "
            "and every call raises TypeError",
            fix=f"name an instance in the entry point (`plugin = {impl.owner}()` and "
            "`module:plugin`), or make the hookimpl a staticmethod",
        )
        return
    if impl.unbound and _static(node):
        first = node.args.args[0].arg
        yield PC513.at(
            plugin,
            impl_location(impl),
            f"{label} is a staticmethod whose first parameter is named `{first}`: pluggy drops "
            f"it from the arguments of a function defined in a class and calls it with the "
            f"hook's arguments only, so `{first}` takes the first of them and every call of "
            f"{impl.hook!r} raises TypeError",
            fix=f"drop `{first}` from the staticmethod's parameters (or make it a plain method "
            "of a registered instance)",
        )
        return
    if impl.unbound:
        name = impl.attr if isinstance(node, ast.Lambda) else node.name
        yield PC513.at(
            plugin,
            impl_location(impl),
            f"{impl.attr} is the method {impl.owner}.{name} taken from the class, not from "
            f"an instance: pluggy drops `{node.args.args[0].arg}` from its arguments and calls "
            "it unbound, so that parameter takes the first hook argument and every call raises "
            "TypeError",
            fix=f"bind it to an instance (`{impl.attr} = {impl.owner}().{name}`), or make "
            "it a staticmethod without `self`",
        )
        return
    keyword_only = list(zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True))
    required = [a.arg for a, default in keyword_only if default is None]
    offered = (*hook.argnames, *hook.kwargnames)
    defaulted = [a.arg for a, default in keyword_only if default is not None and a.arg in offered]
    if required:
        names = ", ".join(repr(a) for a in required)
        yield PC507.at(
            plugin,
            impl_location(impl),
            f"{label} has keyword-only parameter(s) {names} without a default; pluggy passes "
            "hook arguments positionally and never fills keyword-only ones, so every call of "
            f"{impl.hook!r} raises TypeError",
            fix=f"make {names} ordinary parameter(s) (move them before `*`)",
        )
    elif defaulted:
        names = ", ".join(repr(a) for a in defaulted)
        yield PC507.at(
            plugin,
            impl_location(impl),
            f"{label} takes hook argument(s) {names} as keyword-only; pluggy never passes "
            "keyword-only parameters, so they keep their default on every call",
            fix=f"make {names} ordinary parameter(s) (move them before `*`)",
            severity=Severity.WARNING,
        )
    # contextlib's helper hands back a context manager, not the coroutine.
    through_cm = (impl.wrapped_by or "").startswith("contextlib.")
    # A wrapper of the plugin's own that runs the coroutine (asyncio.run) returns its result.
    driven = impl.calls is not None and impl.calls.drives
    if isinstance(node, ast.AsyncFunctionDef) and not (
        wraps or spec.awaits or through_cm or driven
    ):
        what = "an async generator" if has_yield(node) else "a coroutine"
        yield PC508.at(
            plugin,
            impl_location(impl),
            f"{label} is an `async def`: pluggy calls it like a function, so every call of "
            f"{impl.hook!r} returns {what} that nobody awaits: its body never runs",
            fix="make it a plain `def` (run async work through the host's own loop), or set "
            "`awaits = true` in the contract's pluggy table if the host awaits hook results",
        )
    if not wraps and impl.generator and not spec.awaits and not hook.returns_iterator:
        # The hookspec's own annotation says whether the host could iterate the result.
        declared = hook.returns_scalar
        never = (
            f": the hookspec declares `-> {declared}`, so the host never iterates it and the "
            "body never runs"
            if declared is not None
            else ", and its body runs only if the host iterates that result"
        )
        yield PC509.at(
            plugin,
            impl_location(impl),
            f"{label} contains `yield` but is not declared a wrapper: each call of "
            f"{impl.hook!r} returns a generator object{never}",
            fix="return a value (a list) instead of yielding, or declare it "
            "@hookimpl(wrapper=True) if it is meant to wrap the other hookimpls",
            severity=None if declared is None else Severity.ERROR,
        )
    if wraps and impl.wrapped_by is None:
        counts = yield_counts(node, helpers)
        given = ""
        if counts and 1 in counts and known and not isinstance(node, ast.Lambda):
            decided, given = _decided_counts(node, helpers, known)
            counts = decided or counts
        if counts and 1 not in counts:
            option = "wrapper=True" if impl.wrapper else "hookwrapper=True"
            if counts == {0}:
                how, error = "never reaches a `yield`", "did not yield"
            elif 0 not in counts:
                how, error = "yields more than once on every path", "has second yield"
            else:
                how, error = "yields either not at all or more than once", "did not yield"
            yield PC511.at(
                plugin,
                impl_location(impl),
                f"{label} is declared {option} but {how}{given}; pluggy raises "
                f"RuntimeError('... {error}') on every call of {impl.hook!r}",
                fix="yield exactly once on every path that returns (`return (yield)`)",
            )
        elif counts and (uneven := _uneven(node, helpers, known)) is not None:
            yield _uneven_wrapper(plugin, impl, label, uneven)
    if impl.wrapper and not impl.hookwrapper:
        for use in old_result_uses(node):
            yield PC512.at(
                plugin,
                Location(impl.path, use.lineno, use.col_offset + 1),
                f"{label} is declared wrapper=True but uses `.{use.attr}` on what `yield` "
                "returned: a new-style wrapper receives the hook's result itself (not a "
                f"pluggy Result), so every call of {impl.hook!r} raises AttributeError",
                fix="use the value directly (`result = yield; return result`), or declare "
                "hookwrapper=True for the old protocol",
            )
            break
    if impl.wrapper and not impl.hookwrapper and impl.wrapped_by is None and not hook.firstresult:
        for use in result_as_value_uses(node, LIST_MEMBERS):
            yield PC512.at(
                plugin,
                Location(impl.path, use.lineno, use.col_offset + 1),
                f"{label} is declared wrapper=True on {impl.hook!r}, which is not a firstresult "
                "hook: `yield` gives it the list of the other hookimpls' results, which has no "
                f"{use.attr!r}, so every call of {impl.hook!r} raises AttributeError",
                fix="treat what `yield` returns as a list (`return [r.upper() for r in result]`)",
            )
            break
    if impl.hookwrapper and not impl.wrapper and impl.wrapped_by is None:
        for use in result_as_value_uses(node):
            yield PC512.at(
                plugin,
                Location(impl.path, use.lineno, use.col_offset + 1),
                f"{label} is declared hookwrapper=True but uses `.{use.attr}` on what `yield` "
                "returned: an old-style hookwrapper receives a pluggy Result (not the hook's "
                f"result), which has no {use.attr!r}, so every call of {impl.hook!r} raises "
                "AttributeError",
                fix="read the result with `outcome.get_result()` (and replace it with "
                "`outcome.force_result(...)`), or declare wrapper=True for the new protocol",
            )
            break
        else:
            for operation in result_in_arithmetic(node)[:1]:
                yield PC512.at(
                    plugin,
                    Location(impl.path, operation.lineno, operation.col_offset + 1),
                    f"{label} is declared hookwrapper=True but computes "
                    f"`{ast.unparse(operation)[:40]}` with what `yield` returned: an old-style "
                    "hookwrapper receives a pluggy Result (not the hook's result), which "
                    f"supports no operator, so every call of {impl.hook!r} raises TypeError",
                    fix="read the result with `outcome.get_result()` (and replace it with "
                    "`outcome.force_result(...)`), or declare wrapper=True for the new protocol",
                )


def _uneven(
    node: Function | ast.Lambda,
    helpers: Callable[[str], Function | None] | None,
    known: Mapping[str, tuple[str, Any]] | None,
) -> tuple[int | None, int] | None:
    """The wrapper's uneven ending, its opening ``if`` decided by what the host passes."""
    if not known or isinstance(node, ast.Lambda):
        return uneven_ending(node, helpers)
    values = {name: value for name, (_ref, value) in known.items()}
    return uneven_ending(node, helpers, opening_test(node, values))


def _uneven_wrapper(
    plugin: Plugin, impl: Impl, label: str, uneven: tuple[int | None, int]
) -> Finding:
    """PC511 as a warning: one path of the wrapper yields once, another ends without doing so."""
    line, count = uneven
    option = "wrapper=True" if impl.wrapper else "hookwrapper=True"
    how, error = (
        ("without a `yield`", "did not yield")
        if count == 0
        else (
            "after a second `yield`",
            "has second yield",
        )
    )
    where = "falls off its end" if line is None else f"returns at line {line}"
    return PC511.at(
        plugin,
        impl_location(impl),
        f"{label} is declared {option} but on some path {where} {how}; pluggy raises "
        f"RuntimeError('... {error}') on each call of {impl.hook!r} that takes that path",
        fix="yield exactly once on every path that returns: move the condition after the "
        "`yield` (`result = yield`, then `if ...: return result`)",
        severity=Severity.WARNING,
    )


def _decided_counts(
    node: Function,
    helpers: Callable[[str], Function | None] | None,
    known: Mapping[str, tuple[str, Any]],
) -> tuple[set[int] | None, str]:
    """The wrapper's yield counts when its opening ``if`` is decided by the values the host
    passes (``known``: name -> (stand-in, value)), and the words that say so; (None, "") when
    that decides nothing new (some path still yields once)."""
    decide = opening_test(node, {name: value for name, (_ref, value) in known.items()})
    decided = yield_counts(node, helpers, decide=decide)
    if not decided or 1 in decided:
        return None, ""
    test = next(s for s in node.body if isinstance(s, ast.If)).test
    read = {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}
    passed = ", ".join(
        f"{name} as {value!r} (stand-in {ref})"
        for name, (ref, value) in known.items()
        if name in read
    )
    return decided, (
        f"; the host passes {passed}, so its opening `if {ast.unparse(test)[:60]}:` "
        f"(line {test.lineno}) is {bool(decide(test))} on every call"
    )


def _static(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    """Decorated with ``@staticmethod`` (pluggy sees the function itself)."""
    return not isinstance(node, ast.Lambda) and any(
        (dotted_name(d) or "").rpartition(".")[2] == "staticmethod" for d in node.decorator_list
    )
