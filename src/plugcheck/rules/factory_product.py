"""What the factory makes and what the host's calls on it run, read from source.

The factory is followed to the plugin object as Python binds it (re-exports, aliases, dead
branches decided for the target, ``functools.partial``, the plugin's own helper functions it
returns the result of), and the code every call of the factory and of the lifecycle methods
certainly runs is judged: attribute assignments a frozen dataclass or ``__slots__`` forbid
(PC216), names bound nowhere (PC217), a constructor that does not take the arguments a partial
passes (PC210), a factory whose branch taken on the target returns no plugin (PC202, PC211),
and members bound to functions that do not take the host's arguments (PC204).
"""

from __future__ import annotations

import ast
from collections.abc import Generator, Iterator
from dataclasses import replace

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.asyncio_misuse import method_def, module_def
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.cached_methods import cached_on_unhashable, cached_without_dict
from plugcheck.rules.enum_lookups import (
    EnumMember,
    LookupRaises,
    as_raising,
    looked_up,
    raising_lookup,
)
from plugcheck.rules.enum_lookups import judged as enum_judged
from plugcheck.rules.factory import PC211, PC516, PC517, PC518, _always_raises, _is_none
from plugcheck.rules.factory_assign import PC216, STEP_FAILURES, assignments
from plugcheck.rules.factory_binding import attribute_path, factory_statement
from plugcheck.rules.factory_callables import called_member
from plugcheck.rules.factory_construct import (
    construction_refused,
    host_register,
    new_unfit,
    super_unfit,
)
from plugcheck.rules.factory_follow import (
    Called,
    ClassItself,
    Made,
    NotPlugin,
    Product,
    follow,
    from_member,
    reads_locals,
)
from plugcheck.rules.factory_late import abstract_left, late_factory
from plugcheck.rules.factory_lookup import lookup
from plugcheck.rules.factory_members import (
    decorated,
    decorated_away,
    decorator_name,
    deleted,
    member_arity,
)
from plugcheck.rules.factory_partial import partial_call, partial_unfit
from plugcheck.rules.generated_slots import attrs_maker, dataclass_helper
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.instance_state import chain, inherited, names_bound, refusal
from plugcheck.rules.private_lookups import private_lookup
from plugcheck.rules.protocol_checks import refused_check
from plugcheck.rules.raising_calls import raised_finding, raising_context_use, raising_use
from plugcheck.rules.reached import (
    STEPS,
    Function,
    Reader,
    Untold,
    bound_only_by_uncalled,
    first_call,
    local_names,
    read_before_bound,
    reader_of,
    returns_on_target,
    unbound,
)
from plugcheck.rules.read_only_properties import property_refusals
from plugcheck.rules.registry_lookups import missing_key
from plugcheck.rules.signatures.codes import PC201, PC202, PC203, PC204, PC210
from plugcheck.rules.slots_super import stale_super
from plugcheck.rules.straight_code import body_nodes, through_local
from plugcheck.rules.unclassed import Unclassed, judged
from plugcheck.rules.weak_references import weak_self
from plugcheck.static.bindings import ClassValue, Routine
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import call_fits, parameterless_lambda

PC217 = rule(
    "PC217",
    "name-never-bound",
    Severity.ERROR,
    "Code every call of the factory or of a lifecycle method runs reads a name that is bound "
    "nowhere (not a local, not in the module, not a builtin): the call raises NameError.",
    explains=STEP_FAILURES,
)

# --- the checks ----------------------------------------------------------------------------


@plugin_check(PC216, PC217, PC210, PC201, PC202, PC203, PC211, PC204, PC515, PC516, PC517, PC518)
def factory_product(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    late = late_factory(ctx, plugin)
    bound = factory_statement(ctx, plugin) or attribute_path(ctx, plugin) or late
    if bound is None:
        return
    stmt, info = bound
    reader = reader_of(ctx, plugin)
    factory = ctx.contract.factory_of(plugin) or "new"
    label = f"{factory}()"
    made: Product
    if isinstance(stmt, ast.Expr):
        # An entry point naming `Class.create`: the host calls what the attribute path gives.
        made = follow(reader, ast.Call(stmt.value, [], []), info, label)
    elif isinstance(stmt, ast.FunctionDef):
        made = yield from _from_def(reader, stmt, info, label, factory, direct=True)
    elif (
        isinstance(stmt, ast.Assign)
        and parameterless_lambda(stmt.value)
        and isinstance(stmt.value.body, ast.Call)
    ):
        # `new = lambda: Ticker()`: the host's call evaluates the body, at module scope (a
        # bare class name may be what a class decorator left: PC516 and mypy judge that).
        made = follow(reader, stmt.value.body, info, label)
    else:
        assert isinstance(stmt, ast.Assign)
        looked = lookup(reader, stmt.value, info)
        if isinstance(looked, Finding):
            yield looked
            return
        value = reader.ns.value(info, looked or stmt.value, reader.scope(info))
        call = partial_call(reader, stmt.value, info)
        if call is None and isinstance(value, ClassValue):
            call = ast.Call(looked or stmt.value, [], [])
        if call is not None:
            ast.copy_location(call, stmt.value)
            unfit = partial_unfit(plugin, reader, call, info, factory)
            if unfit is not None:
                yield unfit
                return
            made = follow(reader, call, info, label)
            if isinstance(made, Made) and looked is not None:
                made = replace(made, unjudged=True)
        elif (
            isinstance(value, Routine)
            and isinstance(value.node, ast.FunctionDef)
            and not value.in_class
            and not value.opaque
            and reader.mine(value.module)
        ):
            # `new = make_factory()`: the function the plugin's own call returns (a closure).
            made = yield from _from_def(
                reader, value.node, value.module, label, factory, direct=False
            )
        elif (member := called_member(reader, value)) is not None:
            made = from_member(reader, member, label)
        else:
            return
    if isinstance(made, Made) and late is not None:
        made = replace(made, unjudged=True)  # mypy does not see the name bound
    if isinstance(made, Called):
        missing = unbound(made.fn, made.module) or read_before_bound(made.fn)
        if missing is not None:
            yield _never_bound(plugin, missing, made.module, made.label, label, factory, made.fn)
        return
    if isinstance(made, NotPlugin):
        yield _not_plugin(plugin, made, label)
        return
    if isinstance(made, ClassItself):
        if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is None:
            yield from _class_itself(plugin, made, label)
        return
    if isinstance(made, LookupRaises | EnumMember):
        if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is None:
            yield from enum_judged(reader, plugin, made, label)
        return
    if isinstance(made, Unclassed):
        if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is None:
            yield from judged(reader, plugin, made, label)
        return
    if made is not None:
        yield from _product(ctx, reader, plugin, made)


def _from_def(
    reader: Reader,
    fn: ast.FunctionDef,
    info: ModuleInfo,
    label: str,
    factory: str,
    *,
    direct: bool,
) -> Generator[Finding, None, Product]:
    """What a ``def`` factory makes; PC217 for a name its body reads that is bound nowhere.
    ``direct``: the module binds the ``def`` itself (PC211 in factory.py judges a factory
    without any ``return <value>``; a closure is judged here)."""
    if fn.decorator_list or any(isinstance(n, ast.Yield | ast.YieldFrom) for n in body_nodes(fn)):
        return None
    missing = unbound(fn, info) or read_before_bound(fn)
    if missing is not None:
        yield _never_bound(reader.plugin, missing, info, f"{fn.name}()", label, factory, fn)
        return None
    refused = (
        refused_check(reader, fn, info)
        or raising_use(info, fn, module_def(info))
        or raising_context_use(reader, info, fn)
        or private_lookup(reader, info, fn)
    )
    if refused is not None:
        yield raised_finding(reader, refused, info, label, factory, step=False)
        return None
    unfound = missing_key(reader, fn, info) or raising_lookup(reader, fn, info)
    if unfound is not None:
        return unfound
    first = first_call(fn, info) if direct else None
    returned = returns_on_target(fn.body, reader.scope(info), reader.ns.target, first)
    returned = through_local(fn, returned) if isinstance(returned, ast.expr) else returned
    local = isinstance(returned, ast.expr) and reads_locals(returned, fn, info)
    if isinstance(returned, Untold) or local:
        return None
    if direct and isinstance(returned, ast.Name | ast.Attribute):
        # PC516 (factory.py) judges a factory returning the class itself; a member of the
        # plugin's own enumeration is judged here.
        return looked_up(reader, returned, info, reader.scope(info))
    if (
        _is_none(returned)
        and direct
        and not any(isinstance(n, ast.Return) and not _is_none(n.value) for n in body_nodes(fn))
    ):
        return None  # PC211 (factory.py) says it: no `return` with a value but None at all
    if returned is None:  # a bare `return` or the end: shown at the last statement it runs
        returned = ast.copy_location(ast.Constant(None), fn.body[-1])
    return follow(reader, returned, info, label)


def _never_bound(
    plugin: Plugin,
    name: ast.Name,
    info: ModuleInfo,
    where: str,
    label: str,
    subject: str,
    fn: Function,
) -> Finding:
    if name.id in local_names(fn):
        return PC217.at(
            plugin,
            Location(info.path, name.lineno, name.col_offset + 1),
            f"{where} reads `{name.id}` before binding it: the function assigns `{name.id}` "
            "without declaring it `global`, so it is a local, and every call of "
            f"{label} by the host raises UnboundLocalError here",
            fix=f"declare `global {name.id}` in {fn.name}() to use the module's, or bind it first",
            subject=subject,
        )
    setter = bound_only_by_uncalled(info, name.id)
    if setter is not None:
        return PC217.at(
            plugin,
            Location(info.path, name.lineno, name.col_offset + 1),
            f"{where} reads `{name.id}`, which only {setter}() binds (declaring it `global`), "
            f"and nothing calls {setter}(): every call of {label} by the host raises NameError",
            fix=f"bind `{name.id}` at module level in {info.path.name}, or call {setter}() "
            "when the module is imported",
            subject=subject,
        )
    return PC217.at(
        plugin,
        Location(info.path, name.lineno, name.col_offset + 1),
        f"{where} reads `{name.id}`, which is bound nowhere in {info.path.name} (not a local, "
        f"not a module name, not a builtin): every call of {label} by the host raises NameError",
        fix=f"import or define `{name.id}` in {info.path.name}, or pass it in",
        subject=subject,
    )


def _not_plugin(plugin: Plugin, made: NotPlugin, label: str) -> Finding:
    line = getattr(made.node, "lineno", 1)
    where = Location(made.module.path, line, getattr(made.node, "col_offset", 0) + 1)
    if made.what == "None":
        return PC211.at(
            plugin,
            where,
            f"{label} returns None on the path the target runs (this `return` or the end of the "
            "function, followed from the factory): the host gets None, not a plugin",
            fix="return the plugin object on every path",
            subject=label.removesuffix("()"),
        )
    return PC202.at(
        plugin,
        where,
        f"{label} returns {made.what} on the path the target runs: it has no init/run/shutdown, "
        "so the host's isinstance check against the protocol fails",
        fix="return an instance of the plugin class on every path",
        subject=label.removesuffix("()"),
    )


def _class_itself(plugin: Plugin, made: ClassItself, label: str) -> Iterator[Finding]:
    """PC516 when the class's ``init`` is a plain method: called on the class, the host's
    config lands in ``self`` and ``config`` is missing."""
    node = made.cls.node
    method = next(
        (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "init"), None
    )
    if method is None or method.decorator_list:
        return
    if call_fits(method.args, STEPS["init"], ()):
        return
    line = getattr(made.node, "lineno", 1)
    yield PC516.at(
        plugin,
        Location(made.module.path, line, getattr(made.node, "col_offset", 0) + 1),
        f"{label} returns the class {node.name} itself, not an instance: the host calls init() "
        "on the class, where it is a plain function and the host's first argument lands in "
        "`self` (TypeError)",
        fix=f"return an instance: `return {node.name}()`",
        subject="init",
    )


def _product(ctx: Context, reader: Reader, plugin: Plugin, made: Made) -> Iterator[Finding]:
    cls, node = made.cls, made.cls.node
    if not reader.mine(cls.module):
        return
    if made.subscript is not None:
        yield PC210.at(
            plugin,
            Location(made.where.path, made.subscript.lineno, made.subscript.col_offset + 1),
            f"{made.label} makes `{ast.unparse(made.subscript)[:40]}`, but {node.name} is no "
            f"generic class (no Generic base, no __class_getitem__): the subscript raises "
            f"TypeError (type {node.name!r} is not subscriptable)",
            fix=f"call {node.name}() itself, or make it generic (`class {node.name}(Generic[T])`)",
            subject=made.factory,
        )
        return
    found = chain(reader.ns, cls, reader.own)
    refused = construction_refused(reader, plugin, cls, made.label, made.factory)
    if refused is None and made.unjudged:  # mypy's PC210 otherwise
        refused = abstract_left(reader, plugin, cls, made.where, made.label, made.factory)
    if refused is not None:
        yield refused
        return
    away = list(decorated_away(plugin, cls, made.label, reader))
    if away:
        yield from away
        return
    if any(
        decorator_name(d) != "dataclass"
        and not attrs_maker(d, c.module)
        and not dataclass_helper(d, c.module)
        and not host_register(reader, c.module, d)
        for c in found.classes
        for d in c.node.decorator_list
    ):
        return  # a class decorator may replace the class or its members
    unfit = new_unfit(
        plugin, found, made.positional, made.keywords, made.where, made.label, made.factory
    ) or super_unfit(ctx, plugin, cls, made.label, made.factory)
    if unfit is not None:
        yield unfit
        return
    init = inherited(found, "__init__")
    if "__new__" not in names_bound(node) and init is not None and isinstance(init[1], Function):
        fn = init[1]
        if (made.positional or made.keywords) and not fn.decorator_list and not _fits(fn, made):
            yield PC210.at(
                plugin,
                made.where,
                f"{made.label} calls {node.name}(...) with {_passed(made)}, which "
                f"{init[0].node.name}.__init__{_signature(fn)} does not take: the host's call "
                f"to {made.label} fails with TypeError",
                fix=f"pass what {node.name}.__init__ takes, or give its parameters defaults",
                subject=made.factory,
            )
            return
    called = ["__init__", "__post_init__", *STEPS]
    if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is not None:
        called = ["__init__", "__post_init__"]
    refuses, (no_setter, no_deleter) = refusal(found), property_refusals(found)
    past_frozen = refusal(found, past_frozen=True)
    for name in called:
        where = inherited(found, name)
        if where is None or not isinstance(where[1], Function):
            continue
        if where[1].decorator_list:
            if name in STEPS:
                yield from decorated(plugin, reader, where[0], where[1])
                cached = cached_on_unhashable(
                    plugin, reader, found, where[0], where[1], name
                ) or cached_without_dict(plugin, reader, found, where[0], where[1], name)
                yield from [cached] if cached else []
            continue
        owner, method = where[0], where[1]
        dictless = cached_without_dict(plugin, reader, found, owner, method, name)
        if name in STEPS and dictless is not None:
            yield dictless
            continue
        step = made.factory if name.startswith("__") else name
        missing = unbound(method, owner.module) or read_before_bound(method)
        if missing is not None:
            yield _never_bound(
                plugin,
                missing,
                owner.module,
                f"{owner.node.name}.{name}()",
                made.label if name.startswith("__") else f"{name}()",
                step,
                method,
            )
            continue
        shown = made.label if name.startswith("__") else f"{node.name}.{name}()"
        unfound = missing_key(reader, method, owner.module) or raising_lookup(
            reader, method, owner.module
        )
        raising = (
            refused_check(reader, method, owner.module)
            or weak_self(reader, found, method, owner.module)
            or stale_super(reader, owner.node, method, owner.module)
            or raising_use(
                owner.module, method, method_def(found, method, module_def(owner.module))
            )
            or raising_context_use(reader, owner.module, method)
            or private_lookup(reader, owner.module, method)
            or (as_raising(unfound) if unfound is not None else None)
        )
        if raising is not None:
            yield raised_finding(reader, raising, owner.module, shown, step, name in STEPS)
            continue
        if owner is not cls and name in STEPS:
            raised = _always_raises(method)
            if raised is not None:
                shown = ast.unparse(raised.exc)[:80] if raised.exc else "the active exception"
                yield PC517.at(
                    plugin,
                    Location(owner.module.path, raised.lineno, raised.col_offset + 1),
                    f"{node.name}.{name}() is inherited from {owner.node.name}, where it always "
                    f"raises {shown}: every call the host makes fails",
                    fix=f"implement {name}() in {node.name}",
                    subject=name,
                )
                continue
        if made.unjudged and name in STEPS and not call_fits(method.args, STEPS[name] + 1, ()):
            yield PC204.at(
                plugin,
                Location(owner.module.path, method.lineno, method.col_offset + 1),
                f"{owner.node.name}.{name}({ast.unparse(method.args)}) does not take the "
                f"host's call with {STEPS[name]} argument{'s' * (STEPS[name] != 1)} after the "
                "instance: it raises TypeError",
                fix=f"give {name} the protocol's parameters",
                subject=name,
            )
            continue
        if refuses or no_setter or no_deleter or past_frozen:
            yield from assignments(
                plugin, owner.module, method, (refuses, no_setter), step, no_deleter, past_frozen
            )
    yield from deleted(plugin, cls, made.label, reader, made.unjudged)
    if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is None:
        yield from member_arity(plugin, reader, cls, made.unjudged)


def _fits(init: Function, made: Made) -> bool:
    return call_fits(init.args, made.positional + 1, made.keywords)


def _passed(made: Made) -> str:
    parts = [f"{made.positional} positional argument{'s' * (made.positional != 1)}"]
    parts += [f"{k}=" for k in made.keywords]
    return ", ".join(parts)


def _signature(fn: Function) -> str:
    return f"({ast.unparse(fn.args)})"
