"""The methods the host calls on the plugin's object, read from source: ``lifecycle.calls`` on
the class the lifecycle factory names, ``setup-function.calls`` on the class an entry function
returns (or calls, for the instance it returns). PC562, a call certainly returns what the host
refuses; PC518, the method is a property whose value is not callable; PC517, the functools
cache wraps it and the host passes an unhashable value; PC214, it imports a missing module on
every call; PC545 and PC547, it reads a file next to its module or an imported name that is not
there; PC218, it reads what only the host base's skipped ``__init__`` sets. PC562 also for a
``setup-function.calls`` method (no protocol for mypy to judge it by, as PC204 does
``lifecycle.calls``) whose parameters cannot take the host's call."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, TypeRef
from plugcheck.rules.abstract_left import host_class
from plugcheck.rules.attribute_never_set import (
    PC218,
    plain_dataclass,
    skipped_init,
    stored_anywhere,
)
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.cached_methods import cached_over_unhashable
from plugcheck.rules.call_reads import PC545, PC547, lifecycle_reads
from plugcheck.rules.called_raises import method_raises
from plugcheck.rules.certain_end import exit_location
from plugcheck.rules.decorator_classes import context_decorator_class
from plugcheck.rules.factory import PC517, PC518, _always_raises, getter_not_callable
from plugcheck.rules.factory_construct import decorator_drops
from plugcheck.rules.factory_members import wrapper_misfit
from plugcheck.rules.installed import PC214, call_time_import
from plugcheck.rules.instance_state import names_bound
from plugcheck.rules.overload_stub import overload_stub, stub_fix, stub_message
from plugcheck.rules.passed_values import stand_in_type
from plugcheck.rules.reached import reader_of
from plugcheck.rules.setup_results import never_runs, own_locals
from plugcheck.rules.setup_signature import PC562, refused_result, wanted
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.rules.super_init import super_base
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import is_generator, node_at, own_nodes, resolve_dotted
from plugcheck.static.syntax import call_refusal, without_first
from plugcheck.static.virtual_subclass import virtual

RETURNED = ("subclass", "instance")
"""The setup function's ``returns`` whose class source can name: the class itself (``return
Worker``), or the class it calls for an instance (``return Worker(options)``)."""


@plugin_check(PC562, PC214, PC218, PC517, PC518, PC545, PC547)
def call_results(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """PC562 for the methods the host calls on the object its lifecycle factory (a class) builds
    (``lifecycle.calls``), and on the class an entry function returns (``setup-function.calls``),
    that certainly return what the call's ``returns`` refuses."""
    info = ctx.module(plugin)
    if info is None:
        return
    lifecycle = ctx.contract.lifecycle
    name = ctx.contract.factory_of(plugin)
    if lifecycle is not None and lifecycle.calls and name is not None and "." not in name:
        calls = [
            (
                c.method,
                c.returns,
                str(c.return_type) if c.return_type else None,
                (*map(str, c.stand_ins), *(str(r) for _, r in c.keywords)),
                (len(c.stand_ins), tuple(k for k, _ in c.keywords)),
            )
            for c in lifecycle.calls
        ]
        found = ctx.index.resolve(info, name, ctx.roots(plugin))
        host = host_class(ctx, lifecycle.protocol) if lifecycle.protocol else None
        yield from _method_results(ctx, plugin, found, calls, host, by_method=True)
    spec = setup_contract(ctx.contract)
    entry = spec.function_of(plugin) if spec is not None and spec.calls else None
    if spec is None or entry is None or "." in entry or spec.returns not in RETURNED:
        return
    function = ctx.index.resolve(info, entry, ctx.roots(plugin))
    node = (
        node_at(function.module, function.symbol.line) if isinstance(function, Resolved) else None
    )
    if (
        not isinstance(function, Resolved)
        or not isinstance(node, ast.FunctionDef)
        or node.decorator_list
    ):
        return
    values = [n.value for n in own_nodes(node) if isinstance(n, ast.Return)]
    value = values[0] if len(values) == 1 else None
    if spec.returns == "instance":  # `return Worker(options)`: the host calls Worker's methods
        value = value.func if isinstance(value, ast.Call) else None
    if not isinstance(value, ast.Name) or value.id in own_locals(node):
        return
    returned = ctx.index.resolve(function.module, value.id, ctx.roots(plugin))
    wanted = [
        (
            c["method"],
            c["returns"],
            c["return_type"],
            (*c["stand_ins"], *c["keyword_stand_ins"].values()),
            (len(c["stand_ins"]), tuple(c["keyword_stand_ins"])),
        )
        for c in spec.calls
    ]
    ref = spec.return_type
    host = host_class(ctx, TypeRef(*ref.split(":", 1))) if ref and ":" in ref else None
    yield from _method_results(ctx, plugin, returned, wanted, host, by_method=False)


def _method_results(
    ctx: Context,
    plugin: Plugin,
    found: Resolved | object,
    calls: list[tuple[str, str, str | None, tuple[str, ...], tuple[int, tuple[str, ...]]]],
    host: Resolved | None,
    *,
    by_method: bool,
) -> Iterator[Finding]:
    """PC562 for each method of the class ``found`` that the host calls (``(method, returns,
    return type, stand-ins)``) and that is a plain ``def`` of the class's own body; PC517 where
    the functools cache wraps it and the host passes an unhashable value, PC214 for a missing
    module it imports on every call, PC218 for the attribute only the skipped ``__init__`` of
    the host class ``host`` sets. ``by_method``: the harness names the failed call by its
    method (``lifecycle.calls``), not only by the line that failed (``setup-function.calls``)."""
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return
    node = node_at(found.module, found.symbol.line)
    if not isinstance(node, ast.ClassDef) or node.keywords:
        return
    if (
        node.decorator_list
        and not _registered_with(ctx, plugin, found.module, node, host)
        and not plain_dataclass(reader_of(ctx, plugin), found.module, node)
    ):
        return
    for method, returns, return_type, refs, shape in calls:
        # lifecycle.calls (by method) are mypy's to judge against the protocol (PC204)
        misfit = None if by_method else _arity(node, method, shape)
        if misfit is not None:
            where, why = misfit
            # At the class: where the harness places a call that fails before any line of the
            # plugin runs (Python's binding of the arguments).
            yield PC562.at(
                plugin,
                Location(found.module.path, node.lineno, node.col_offset + 1),
                f"{node.name}.{method} (line {where.lineno}) cannot take the host's call "
                f"{method}(...): {why}; every call raises TypeError",
                fix=f"give {node.name}.{method} one parameter per argument the host passes, "
                "after self",
            )
            continue
        defs = [
            s
            for s in node.body
            if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == method
        ]
        if not defs:
            if _virtual_lacks(ctx, plugin, found.module, node, method, host):
                yield PC562.at(
                    plugin,
                    Location(found.module.path, node.lineno, node.col_offset + 1),
                    f"{node.name} is registered as a virtual subclass, which issubclass() "
                    f"accepts, but it has no {method}: a virtual subclass inherits nothing from "
                    f"the ABC, so the host's {method}(...) call raises AttributeError",
                    fix=f"define {node.name}.{method}, or derive {node.name} from the host's "
                    "class instead of registering it",
                    subject=method if by_method else None,
                )
            continue
        stub = overload_stub(reader_of(ctx, plugin), found.module, node, method)
        if stub is not None:
            yield PC562.at(
                plugin,
                Location(found.module.path, stub.lineno, stub.col_offset + 1),
                stub_message(node.name, method),
                fix=stub_fix(node.name, method),
                subject=method if by_method else None,
            )
            continue
        if getter_not_callable(defs[-1]):
            yield PC518.at(
                plugin,
                Location(found.module.path, defs[-1].lineno, defs[-1].col_offset + 1),
                f"{node.name}.{method} is a property whose value is not callable (None or a "
                f"literal): the host's {method}(...) call raises TypeError",
                fix=f"drop the @property decorator: {method} must be a method",
                subject=method,
            )
            continue
        if defs[-1].decorator_list:
            kinds = [stand_in_type(ctx, plugin, r) for r in refs]
            reader = reader_of(ctx, plugin)
            cached = cached_over_unhashable(reader, found.module, defs[-1], kinds, True)
            if cached is not None:
                yield PC517.at(
                    plugin,
                    Location(found.module.path, defs[-1].lineno, defs[-1].col_offset + 1),
                    f"{node.name}.{method}() is cached by {cached[0]}, which hashes its "
                    f"arguments, and the host passes it a {cached[1]}: every {method}() call "
                    f"the host makes raises TypeError: unhashable type: '{cached[1]}'",
                    fix=f"do not cache {node.name}.{method} (cache a helper that takes hashable "
                    "values, such as a tuple of the items)",
                    subject=method,
                )
                continue
            uncallable = _not_callable(ctx, plugin, found.module, defs[-1])
            if uncallable is not None:
                deco = defs[-1].decorator_list[0]
                yield PC562.at(
                    plugin,
                    Location(found.module.path, deco.lineno, deco.col_offset),
                    f"{node.name}.{method} {uncallable}: the host's {method}(...) call raises "
                    "TypeError",
                    fix=f"make {node.name}.{method} a plain method",
                    subject=method,  # the harness's failed call names no line of the plugin
                )
                continue
            timer = context_decorator_class(reader, found.module, defs[-1])
            took = shape == (1, ())
            if timer is not None and (not took or returns in ("iterable", "mapping", "subclass")):
                what = (
                    f"returns the wrapper function ContextDecorator.__call__ makes of the "
                    f"host's argument, never running the method's body, and the host wants "
                    f"{wanted(returns, return_type)}"
                    if took
                    else "raises TypeError: ContextDecorator.__call__ takes one argument, "
                    "the function to wrap"
                )
                yield PC562.at(
                    plugin,
                    Location(found.module.path, defs[-1].lineno, defs[-1].col_offset + 1),
                    f"{node.name}.{method} is an instance of {timer.name} (@{timer.name} "
                    f"without parentheses builds {timer.name}({method}), a "
                    f"contextlib.ContextDecorator, in place of the method): every "
                    f"{method}(...) call the host makes {what}",
                    fix=f"call the decorator (@{timer.name}()), so that it wraps the method",
                    subject=method,  # the failed call names no line of the plugin
                )
                continue
            wrapped = wrapper_misfit(reader, found.module, defs[-1], shape[0] + 1, shape[1])
            if wrapped is not None:
                outer, inner = wrapped
                # At the class, as _arity's: binding the host's arguments runs no plugin line.
                yield PC562.at(
                    plugin,
                    Location(found.module.path, node.lineno, node.col_offset + 1),
                    f"{node.name}.{method} (line {defs[-1].lineno}) is what @{outer.name} "
                    f"returns, {inner.name}({ast.unparse(inner.args)}), which cannot take the "
                    f"instance and the host's {method}(...) arguments (a decorator factory "
                    "applied without its parentheses?): every call raises TypeError",
                    fix=f"call the decorator factory (@{outer.name}()), or make {inner.name} "
                    "take (*args, **kwargs) and pass them on",
                    subject=method if by_method else None,
                )
            continue
        subject = method if by_method else None
        said = _every_call(ctx, plugin, found.module, node, defs[-1], host, subject)
        if said is not None:
            yield said
            continue
        plain = isinstance(defs[-1], ast.FunctionDef) and not is_generator(defs[-1])
        raised = _always_raises(defs[-1]) if plain else None
        stored = stored_anywhere(reader_of(ctx, plugin)) if raised is not None else None
        if raised is not None and stored is not None and method not in stored:
            shown = ast.unparse(raised.exc) if raised.exc is not None else "the active exception"
            yield PC562.at(
                plugin,
                Location(found.module.path, raised.lineno, raised.col_offset + 1),
                f"{node.name}.{method}() always raises {shown[:80]}: every {method}(...) call "
                "the host makes fails",
                fix=f"implement {node.name}.{method}() (or make it a no-op); raise only on a "
                "real failure",
                subject=subject,
            )
            continue
        unrun = never_runs(host, method, defs[-1]) if returns == "any" else None
        if unrun is not None:
            yield PC562.at(
                plugin,
                Location(found.module.path, defs[-1].lineno, defs[-1].col_offset + 1),
                f"{node.name}.{method}() {unrun}",
                fix=f"do the work in {node.name}.{method}() directly, as a plain def without "
                "`yield`",
                subject=subject,
            )
            continue
        refused = refused_result(ctx, plugin, found, defs[-1], returns, return_type)
        if refused is None and returns == "iterable":
            kinds = [stand_in_type(ctx, plugin, r) for r in refs[: shape[0]]]
            refused = _uncalled(defs[-1], kinds)
        if refused is None and returns in ("subclass", "instance", "mapping", "iterable"):
            refused = _super_returns_none(ctx, plugin, found.module, node, defs[-1])
        if refused is None:
            continue
        wants = wanted(returns, return_type)
        yield PC562.at(
            plugin,
            exit_location(found.module, defs[-1]),
            f"{node.name}.{method}() {refused}, but the host calls it and wants {wants}",
            fix=f"return {wants} from {node.name}.{method}()",
        )


def _registered_with(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, host: Resolved | None
) -> bool:
    """Every decorator of ``node`` is ``<the host class>.register``, which ABCMeta returns the
    class unchanged from (another object's ``register`` may return anything)."""
    for deco in node.decorator_list:
        dotted = dotted_name(deco.value) if isinstance(deco, ast.Attribute) else None
        if host is None or dotted is None or not isinstance(deco, ast.Attribute):
            return False
        found = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin))
        if deco.attr != "register" or not isinstance(found, Resolved):
            return False
        if (found.module.path, found.symbol.line) != (host.module.path, host.symbol.line):
            return False
    return True


_PLAIN_BODY = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign, ast.Expr, ast.Pass)


def _virtual_lacks(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    method: str,
    host: Resolved | None,
) -> bool:
    """``node`` is a virtual subclass (``register``-ed, no bases) of the host's ABC ``host`` (or
    of a class deriving from it; of any ABC when ``host`` is not known) that certainly has no
    ``method``: its plain body does not bind it, nor ``__getattr__``, and no code of the plugin
    stores an attribute of that name on any object (nor by a name source does not spell).
    ``Sized.register(Cls)`` makes no virtual subclass of the host's class: its check refuses."""
    roots = ctx.roots(plugin)
    if node.bases or not virtual(ctx.index, module, node, roots, lambda _: False, host):
        return False
    if any(not isinstance(stmt, _PLAIN_BODY) for stmt in node.body):
        return False
    bound = names_bound(node)
    if bound & {method, "__getattr__", "__getattribute__", "__slots__"}:
        return False
    stored = stored_anywhere(reader_of(ctx, plugin))
    return stored is not None and method not in stored


def _arity(
    node: ast.ClassDef, method: str, shape: tuple[int, tuple[str, ...]]
) -> tuple[ast.stmt, str] | None:
    """The binding of ``method`` the class body keeps, and why the host's call ``shape``
    (positional count, keyword names) does not bind to it through an instance: a plain ``def``
    or a lambda (the instance goes first), a ``@staticmethod`` (nothing goes first) or a
    ``@classmethod`` (the class goes first); ``None`` when it binds or another binding may
    change the parameters (a decorator of another kind, a value source does not show)."""
    kept = None
    for stmt in node.body:
        if (isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == method) or (
            isinstance(stmt, ast.Assign | ast.AnnAssign)
            and method
            in {
                t.id
                for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
                if isinstance(t, ast.Name)
            }
        ):
            kept = stmt
    args: ast.arguments | None
    if isinstance(kept, ast.Assign | ast.AnnAssign):
        if not isinstance(kept.value, ast.Lambda):
            return None
        args = without_first(kept.value.args)
    elif isinstance(kept, ast.FunctionDef | ast.AsyncFunctionDef):
        decorators = [dotted_name(d) for d in kept.decorator_list]
        if decorators == ["staticmethod"]:
            args = kept.args
        elif decorators in ([], ["classmethod"]):
            args = without_first(kept.args)
        else:
            return None
    else:
        return None
    if args is None:  # no parameter for the instance (or class) Python passes first
        return kept, "it has no parameter for the instance Python passes first"
    why = call_refusal(args, *shape)
    return (kept, why.replace("the host passes", "the host's call passes")) if why else None


def _uncalled(fn: ast.FunctionDef | ast.AsyncFunctionDef, kinds: list[type | None]) -> str | None:
    """Every ``return`` gives a method of an argument the host passes, not called
    (``return text.split``): the stand-in's builtin type says the attribute is a method, which
    the host cannot iterate."""
    if fn.decorator_list or is_generator(fn):
        return None
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)][1:]
    typed = {name: kind for name, kind in zip(params, kinds, strict=False) if kind is not None}
    stored = {
        n.id for n in own_nodes(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    values = [n.value for n in own_nodes(fn) if isinstance(n, ast.Return)]
    said = []
    for value in values:
        if not (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id in typed
            and value.value.id not in stored
            and callable(getattr(typed[value.value.id], value.attr, None))
        ):
            return None
        said.append(f"returns the method {ast.unparse(value)} without calling it")
    return said[0] if said else None


def _every_call(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    host: Resolved | None,
    subject: str | None,
) -> Finding | None:
    """What fails on every call of the method ``fn`` the host calls: a missing module it
    imports (PC214), a file or imported name it reads that is not there (PC545, PC547), a read
    of what only the host's skipped ``__init__`` sets (PC218)."""
    label = f"{node.name}.{fn.name}()"
    lazy = call_time_import(ctx, plugin, fn, module.path, label, subject)
    if lazy is None and isinstance(fn, ast.FunctionDef):  # a data file or name it lacks
        lazy = lifecycle_reads(ctx, plugin, module.path, label, fn, fn.name)
    if lazy is not None:
        return lazy
    unset = skipped_init(reader_of(ctx, plugin), module, node, host, fn) if host else None
    if unset is None:
        return method_raises(ctx, plugin, module, node, fn, subject, host)
    read, base, owner = unset
    return PC218.at(
        plugin,
        Location(module.path, read.lineno, read.col_offset + 1),
        f"{label} reads `{ast.unparse(read)}`, which only {base}.__init__ sets, and "
        f"{owner}.__init__ never calls it (no super().__init__(...)): every call of "
        f"{fn.name}() by the host raises AttributeError",
        fix=f"call `super().__init__(...)` in {owner}.__init__ with what {base} takes, or set "
        f"`{ast.unparse(read)}` there",
        subject=subject,
    )


def _not_callable(
    ctx: Context, plugin: Plugin, module: ModuleInfo, fn: ast.FunctionDef | ast.AsyncFunctionDef
) -> str | None:
    """Why the method is not callable: its one decorator is the plugin's own that never returns
    a value, so the class attribute is None; ``None`` when it may be callable."""
    if len(fn.decorator_list) != 1:
        return None
    dropped = decorator_drops(reader_of(ctx, plugin), module, fn.decorator_list)
    if dropped is None:
        return None
    return f"is None: its decorator {dropped[1]}() returns nothing"


def _super_returns_none(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
) -> str | None:
    """Every ``return`` of ``fn`` is ``super().<fn>(...)``, and the class's one base (a plain
    class statement) defines that method with a body of nothing but a docstring, ``pass`` or
    ``...`` (an abstract method's stub): the call returns None."""
    values = [n.value for n in own_nodes(fn) if isinstance(n, ast.Return)]
    if isinstance(fn, ast.AsyncFunctionDef) or is_generator(fn) or not values:
        return None
    for value in values:
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == fn.name
            and isinstance(value.func.value, ast.Call)
            and isinstance(value.func.value.func, ast.Name)
            and value.func.value.func.id == "super"
            and not value.func.value.args
        ):
            return None
    base_node = super_base(ctx, plugin, module, node)
    if base_node is None:
        return None
    stubs = [
        s
        for s in base_node.body
        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == fn.name
    ]
    if len(stubs) != 1 or not isinstance(stubs[0], ast.FunctionDef):
        return None
    stub = stubs[0]
    if any(
        (dotted_name(d) or "").rsplit(".", 1)[-1] != "abstractmethod" for d in stub.decorator_list
    ):
        return None
    if not all(
        isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        for s in stub.body
    ):
        return None
    return (
        f"returns super().{fn.name}(...), and {base_node.name}.{fn.name} is a stub (a docstring, "
        "pass or ...), so it returns None"
    )
