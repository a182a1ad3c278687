"""The entry function a setup-function contract names, against the host's call, read from
source: PC561, it cannot take the arguments the host passes (``plugin(registry)`` where the host
calls ``plugin(registry, options)``); PC562, it certainly returns what the host refuses (None, a
literal, a generator, an instance where the host wants the class)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from plugcheck.model import Finding, Location, Plugin, Severity, TypeRef, shown_stand_in
from plugcheck.rules.abstract_left import host_class, left_abstract, never_derives
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.cached_methods import cached_over_unhashable
from plugcheck.rules.certain_end import async_only, exits_every_call
from plugcheck.rules.dataclass_init import dataclass_init
from plugcheck.rules.exec_defined import exec_source
from plugcheck.rules.factory_construct import decorator_drops
from plugcheck.rules.factory_partial import partial_call
from plugcheck.rules.generic_alias import subscripted_class
from plugcheck.rules.host_attribute_result import attribute_result
from plugcheck.rules.installed import PC214, call_time_import
from plugcheck.rules.instance_state import _bound_by
from plugcheck.rules.lazy_exports import served_binding
from plugcheck.rules.literal_results import literal_fits
from plugcheck.rules.passed_values import stand_in_type
from plugcheck.rules.reached import reader_of
from plugcheck.rules.setup_raises import setup_raises
from plugcheck.rules.setup_results import (
    class_for_instance,
    live_def,
    not_a_mapping,
    not_iterable,
    not_none,
    own_locals,
)
from plugcheck.rules.setup_spec import SetupContract, setup_contract
from plugcheck.rules.super_init import (
    SAID,
    init_parameters,
    own_init,
    super_call,
    super_init_refusal,
)
from plugcheck.static.index import External, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import is_generator, node_at, own_nodes
from plugcheck.static.syntax import LITERALS, call_refusal, without_first

PC561 = rule(
    "PC561",
    "setup-signature-mismatch",
    Severity.ERROR,
    "The entry function cannot take the arguments the host passes it (the setup-function "
    "contract's stand-ins): the host's call raises TypeError.",
    overruled_by="setup",  # the real call with the stand-ins worked
    # the real call's failure naming the function, wherever the worker places it (an exec'd
    # def has no line of its own in the plugin's files)
    explains=("PC532",),
)
PC562 = rule(
    "PC562",
    "setup-returns-refused",
    Severity.ERROR,
    "The entry function certainly returns what the host refuses (the setup-function contract's "
    "returns): None, a literal, a generator or a coroutine, an instance where the host wants the "
    "class (or the class where it wants an instance), a value where it wants None, a dict "
    "without a required key.",
    overruled_by="setup",
)
DATACLASS_FIX = "give {}'s extra fields a default, or keep them out of __init__ (field(init=False))"


def passed(spec: SetupContract) -> tuple[int, tuple[str, ...]] | None:
    """How many positional arguments the host passes and the names it passes by keyword;
    ``None`` when the contract does not say: only its stand-ins describe the whole call
    (``arguments`` may name the classes of some of them)."""
    if spec.stand_ins is None:
        return None
    return len(spec.stand_ins), tuple(name for name, _ in spec.keyword_stand_ins)


@plugin_check(PC561, PC562, PC214)
def setup_signature(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = setup_contract(ctx.contract)
    info = ctx.module(plugin)
    host = passed(spec) if spec is not None else None
    if spec is None or host is None or info is None:
        return
    name = spec.function_of(plugin)
    if name is None or "." in name:
        return
    roots = ctx.roots(plugin)
    found = ctx.index.resolve(info, name, roots)
    found = served_binding(ctx, plugin, info, name) if found is None else found
    unknown = found is None or isinstance(found, External)  # a star import of an exec'ing module
    made = exec_source(ctx.index, info, name, roots) if unknown else None
    if made is not None:
        where, call, written = made
        why = call_refusal(written.args, *host)
        if why is not None:
            yield PC561.at(
                plugin,
                Location(where.path, call.lineno, call.col_offset + 1),
                f"{name}() is defined by the source this exec() runs, def "
                f"{written.name}({ast.unparse(written.args)}), which cannot take what the "
                f"host passes, {spec.call(name)}: {why}; the host's call raises TypeError",
                fix="give the def in the exec'd source the host's parameters (one per "
                "stand-in, in order), or write the def in the module itself",
                subject=name,  # the harness's failed call names it, at the module's top
            )
        return
    if not isinstance(found, Resolved):
        return
    if found.symbol.kind not in (SymbolKind.FUNCTION, SymbolKind.ASYNC_FUNCTION):
        yield from _read_from_class(ctx, plugin, found, spec, name, host)
        return
    function = live_def(reader_of(ctx, plugin), found, node_at(found.module, found.symbol.line))
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return
    if function.decorator_list:
        # A decorator may replace the function: the harness judges what Python keeps.
        yield from _dropped(ctx, plugin, found, function, spec.call(name))
        refs = [*(spec.stand_ins or ()), *(ref for _, ref in spec.keyword_stand_ins)]
        kinds = [stand_in_type(ctx, plugin, ref) for ref in refs]
        cached = cached_over_unhashable(
            reader_of(ctx, plugin), found.module, function, kinds, False
        )
        if cached is not None:
            yield PC561.at(
                plugin,
                Location(found.module.path, function.lineno, function.col_offset + 1),
                f"{name}() is cached by {cached[0]}, which hashes its arguments, and the host's "
                f"{spec.call(name)} passes a {cached[1]}: the call raises TypeError: "
                f"unhashable type: '{cached[1]}'",
                fix=f"do not cache {function.name}() (cache a helper that takes hashable values)",
            )
        return
    # no subject: the setup call's failure points at the import, and is explained there
    lazy = call_time_import(ctx, plugin, function, found.module.path, f"{name}()", None)
    if lazy is not None:
        yield lazy
        return
    raised, at = setup_raises(ctx, plugin, found, function, spec)
    refused = raised or refused_result(
        ctx, plugin, found, function, spec.returns, spec.return_type, spec.required_keys
    )
    if refused is None and spec.returns not in ("none", "mapping-or-none", "any"):
        refused = _host_none(ctx, function, spec)
    if refused is None:
        refused = attribute_result(ctx, plugin, function, spec)
    if refused is not None:
        wants = wanted(spec.returns, spec.return_type)
        yield PC562.at(
            plugin,
            at,
            f"{name}() {refused}, but the host's {spec.call(name)} wants {wants}",
            fix=f"return {wants} from {function.name}()",
        )
    elif spec.returns == "subclass":
        yield from _returned_class(ctx, plugin, found, function, spec)
    why = call_refusal(function.args, *host)
    if why is None:
        return
    yield PC561.at(
        plugin,
        Location(found.module.path, function.lineno, function.col_offset + 1),
        f"{name}() cannot take what the host passes, {spec.call(name)}: {why}; the host's "
        "call raises TypeError",
        fix=f"give {function.name}() the host's parameters: one per stand-in, in order",
    )


def _read_from_class(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    spec: SetupContract,
    name: str,
    host: tuple[int, tuple[str, ...]],
) -> Iterator[Finding]:
    """PC561 for an entry bound to ``Class.method`` (``plugin = _Entries.plugin``): read from
    a plain class of the plugin's own (no base, decorator or metaclass), an undecorated
    ``def`` is the plain function, ``self`` and all, and the host's call binds no instance."""
    stmt = node_at(found.module, found.symbol.line)
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return
    call = partial_call(reader_of(ctx, plugin), stmt.value, found.module)
    if call is not None:
        yield from _partial_entry(ctx, plugin, found, call, spec, name, host)
        return
    if not isinstance(stmt.value, ast.Attribute) or not isinstance(stmt.value.value, ast.Name):
        return
    owner, attr = stmt.value.value.id, stmt.value.attr
    cls = ctx.index.resolve(found.module, owner, ctx.roots(plugin))
    node = node_at(cls.module, cls.symbol.line) if isinstance(cls, Resolved) else None
    if (
        not isinstance(cls, Resolved)
        or not isinstance(node, ast.ClassDef)
        or node.decorator_list
        or node.keywords
        or any(dotted_name(b) != "object" for b in node.bases)
        or cls.module.path not in plugin.files
    ):
        return
    bound = [s for s in node.body if attr in _bound_by(s)]
    fn = bound[-1] if bound else None
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list:
        return
    why = call_refusal(fn.args, *host)
    if why is None:
        return
    yield PC561.at(
        plugin,
        Location(cls.module.path, fn.lineno, fn.col_offset + 1),
        f"{name} is {owner}.{attr}, a plain function read from the class (no instance is "
        f"bound to `{fn.args.args[0].arg if fn.args.args else 'self'}`): it cannot take what "
        f"the host passes, {spec.call(name)}: {why}; the host's call raises TypeError",
        fix=f"make {owner}.{attr} a @staticmethod, or bind an instance: "
        f"`{name} = {owner}().{attr}`",
    )


def _partial_entry(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    call: ast.Call,
    spec: SetupContract,
    name: str,
    host: tuple[int, tuple[str, ...]],
) -> Iterator[Finding]:
    """PC561 for an entry bound to ``functools.partial(fn, ...)`` over an undecorated function
    of the plugin's own that the partial's arguments followed by the host's cannot bind."""
    fn = reader_of(ctx, plugin).own_function(found.module, call.func)
    keywords = {k.arg for k in call.keywords}
    if fn is None or None in keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return
    named = tuple(sorted({k for k in keywords if k} | set(host[1])))
    why = call_refusal(fn.args, len(call.args) + host[0], named)
    if why is None:
        return
    yield PC561.at(
        plugin,
        Location(found.module.path, fn.lineno, fn.col_offset + 1),
        f"{name} is functools.partial({fn.name}, ...) (line {found.symbol.line}), and {fn.name}() "
        f"cannot take the partial's arguments followed by what the host passes, "
        f"{spec.call(name)}: {why}; the host's call raises TypeError",
        fix=f"bind to the partial only what the host does not pass, so that {fn.name}() "
        "takes the host's arguments after them",
    )


def _dropped(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    call: str,
) -> Iterator[Finding]:
    """PC561 where the entry function's only decorator is the plugin's own that never returns
    a value: the entry's name is ``None``, and the host's call of it raises TypeError."""
    if len(function.decorator_list) != 1:
        return
    dropped = decorator_drops(reader_of(ctx, plugin), found.module, function.decorator_list)
    if dropped is None:
        return
    deco, by = dropped
    yield PC561.at(
        plugin,
        Location(found.module.path, deco.lineno, deco.col_offset),
        f"the decorator {by}() returns None, so after the def `{function.name}` is None: the "
        f"host's {call} calls None and raises TypeError ('NoneType' object is not callable)",
        fix=f"end {by}() with `return fn` (or the wrapper it makes)",
        subject=function.name,
    )


def wanted(returns: str, return_type: str | None) -> str:
    host_type = (return_type or "").replace(":", ".")
    return {
        "subclass": f"a subclass of {host_type} (the class itself, not an instance)",
        "instance": f"an instance of {host_type}",
        "none": "None",
        "mapping": "a dict",
        "mapping-or-none": "a dict or None",
        "iterable": "something it can iterate",
    }.get(returns, "anything")


def refused_result(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    returns: str,
    return_type: str | None = None,
    required_keys: tuple[str, ...] = (),
) -> str | None:
    """What ``function`` certainly returns that ``returns`` (of class ``return_type``, a dict
    with ``required_keys``) refuses, said as ``returns ...``; ``None`` when some path may
    return what the host accepts."""
    if returns == "any":
        return None
    if isinstance(function, ast.AsyncFunctionDef):
        return "is async: the host's call gets a coroutine that never runs"
    if is_generator(function):
        if returns == "iterable":
            return None
        return "is a generator function: the host's call gets a generator, and its body never runs"
    ended = exits_every_call(found.module, function)
    if ended is not None:
        return ended[1]
    values = [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]
    if all(v is None or (isinstance(v, ast.Constant) and v.value is None) for v in values):
        if returns in ("none", "mapping-or-none"):
            return None  # a body that raises on every call: the run's PC532
        raised = next((s for s in function.body if isinstance(s, ast.Raise)), None)
        if raised is not None and not values:  # no return anywhere: the body's own raise
            return f"raises on every call (`{ast.unparse(raised)}` at line {raised.lineno})"
        return "returns None on every path"
    if returns == "none":
        return not_none(function, values)
    if returns in ("mapping", "mapping-or-none"):
        return not_a_mapping(found.module, function, values, returns, required_keys)
    if returns == "iterable":
        local = own_locals(function)
        said_all = [
            not_iterable(found.module, v, local)
            or (async_only(found.module, v, local) if v is not None else None)
            for v in values
        ]
        return str(said_all[0]) if said_all and all(said_all) else None
    if returns not in ("subclass", "instance"):
        return None
    local = own_locals(function)
    of = return_type if returns == "instance" else None  # a literal is never a class
    said = [
        None if literal_fits(v, of) else _wrong(ctx, plugin, found, v, returns, local, of)
        for v in values
        if v is not None
    ]
    if said and all(said):
        return str(said[0])
    return None


def _wrong(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    value: ast.expr,
    returns: str,
    local: set[str],
    of: str | None,
) -> str | None:
    """What ``return <value>`` certainly gives that ``returns`` (of class ``of``) refuses;
    ``None``: it may fit."""
    if isinstance(value, ast.Constant) and value.value is None:
        return "returns None"
    if isinstance(value, LITERALS):
        kind = type(value.value).__name__ if isinstance(value, ast.Constant) else "a literal"
        return f"returns {kind} ({ast.unparse(value)[:40]})"
    if returns == "instance":
        return class_for_instance(ctx, plugin, found.module, value, local, of)
    if returns == "subclass" and isinstance(value, ast.Subscript):
        return subscripted_class(ctx, plugin, found.module, value, local)
    if returns != "subclass" or not isinstance(value, ast.Call):
        return None
    called = value.func
    if not isinstance(called, ast.Name) or called.id in local:
        return None
    target = ctx.index.resolve(found.module, called.id, ctx.roots(plugin))
    if isinstance(target, Resolved) and target.symbol.kind is SymbolKind.CLASS:
        return f"returns an instance of {called.id} ({ast.unparse(value)[:40]}), not the class"
    return None


def _host_none(
    ctx: Context, function: ast.FunctionDef | ast.AsyncFunctionDef, spec: SetupContract
) -> str | None:
    """Every ``return`` is the call of a method of an argument whose class the contract names
    (``return registry.add_checker(Checker)``), and that method of the host's class (a plain
    ``def`` of its own body, not a generator) returns nothing: the entry returns None."""
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    classes = dict(zip(params, spec.arguments, strict=False))
    stored = own_locals(function) - set(params)
    values = [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]
    said = None
    for value in values:
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id not in stored
        ):
            return None
        ref = classes.get(value.func.value.id)
        host = host_class(ctx, ref) if ref is not None else None
        node = node_at(host.module, host.symbol.line) if host is not None else None
        if not isinstance(node, ast.ClassDef):
            return None
        defs = [s for s in node.body if _bound_by(s) & {value.func.attr}]
        method = defs[-1] if defs else None
        if not isinstance(method, ast.FunctionDef) or method.decorator_list:
            return None
        results = [n.value for n in own_nodes(method) if isinstance(n, ast.Return)]
        if is_generator(method) or any(r is not None for r in results):
            return None
        said = said or (
            f"returns {ast.unparse(value)[:60]}, and {str(ref).replace(':', '.')}."
            f"{method.name}() returns nothing, so it returns None"
        )
    return said


def init_refusal(node: ast.ClassDef, count: int, keywords: tuple[str, ...]) -> str | None:
    """Why building the class ``node`` with ``count`` positional arguments and ``keywords``
    raises TypeError, judged by the ``__init__`` it defines itself, or by ``object``'s where it
    has no base and defines neither ``__init__`` nor ``__new__``; ``None`` when it takes them or
    nothing tells (a decorator, a metaclass, ``__new__``, an ``__init__`` it inherits). An
    ABC's ``@Base.register`` decorator returns the class itself."""
    if node.keywords or not all(
        isinstance(d, ast.Attribute) and d.attr == "register" for d in node.decorator_list
    ):
        return None
    if (count or keywords) and _object_init(node):
        return "it defines no __init__, and object's takes no arguments"
    init = own_init(node)
    if init is None or not (init.args.posonlyargs or init.args.args):
        return None
    args = without_first(init.args)
    why = call_refusal(args, count, keywords) if args is not None else None
    return f"its __init__ cannot take them: {why}" if why else None


def _object_init(node: ast.ClassDef) -> bool:
    """The class derives from ``object`` alone and its body (defs, assignments, ``pass``, a
    docstring) binds neither ``__init__`` nor ``__new__``: building it runs object's."""
    if any(dotted_name(b) != "object" for b in node.bases):
        return False
    plain = (
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Assign,
        ast.AnnAssign,
        ast.Pass,
    )
    if not all(
        isinstance(s, plain) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        for s in node.body
    ):
        return False
    bound = {name for s in node.body for name in _bound_by(s)}
    return not bound & {"__init__", "__new__"}


def class_refusal(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    count: int,
    keywords: tuple[str, ...],
    passed: Mapping[str, str] | None = None,
) -> str | None:
    """:func:`init_refusal`, then the base's ``__init__`` its ``super().__init__(...)``
    reaches (``passed``: the stand-in for each of its own ``__init__``'s parameters); for a
    ``@dataclass`` the ``__init__`` it makes from the class's fields."""
    made = dataclass_init(ctx, plugin, module, node)
    if made is None:
        return init_refusal(node, count, keywords) or super_init_refusal(
            ctx, plugin, module, node, passed
        )
    why = call_refusal(made, count, keywords)
    return f"the __init__ @dataclass makes from its fields cannot take them: {why}" if why else None


def _returned_class(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    spec: SetupContract,
) -> Iterator[Finding]:
    """PC562 where every ``return`` names a class the host cannot build with its
    ``instantiate-with`` stand-ins."""
    values = [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]
    if not values or not all(isinstance(v, ast.Name) for v in values):
        return
    local = own_locals(function)
    ref = spec.return_type
    host = host_class(ctx, TypeRef(*ref.split(":", 1))) if ref and ":" in ref else None
    judged: list[tuple[Resolved, ast.ClassDef, str | None, str]] = []
    for value in values:
        assert isinstance(value, ast.Name)
        target = (
            None
            if value.id in local
            else ctx.index.resolve(found.module, value.id, ctx.roots(plugin))
        )
        if not isinstance(target, Resolved) or target.symbol.kind is not SymbolKind.CLASS:
            return
        node = node_at(target.module, target.symbol.line)
        if not isinstance(node, ast.ClassDef):
            return
        if host is not None and never_derives(ctx, plugin, target.module, node, host):
            judged.append((target, node, None, ""))
            continue
        passed = init_parameters(node, spec.instantiate_with)
        why = class_refusal(
            ctx, plugin, target.module, node, len(spec.instantiate_with), (), passed
        )
        fix = "give {}.__init__ one parameter per argument the host builds it with"
        if why is not None and why.startswith("the __init__ @dataclass"):
            fix = DATACLASS_FIX
        if why is None and host is not None:
            left = left_abstract(ctx, plugin, target.module, node, host)
            shown = str(ref).replace(":", ".")
            why = (
                f"it leaves the abstract {', '.join(left)} of {shown} unimplemented, so Python "
                "refuses to instantiate it"
                if left
                else None
            )
            fix = "implement {}." + (left[0] if left else "") + "() as the host's class declares it"
        if why is None:
            return
        judged.append((target, node, why, fix))
    target, node, why, fix = judged[0]
    if why is None:  # not a subclass
        shown = str(ref).replace(":", ".")
        yield PC562.at(
            plugin,
            Location(found.module.path, function.lineno, function.col_offset + 1),
            f"{function.name}() returns {node.name}, which does not derive from {shown}: the "
            f"host's issubclass({node.name}, {shown.rsplit('.', 1)[-1]}) check refuses it",
            fix=f"derive {node.name} from {shown}",
        )
        return
    built = ", ".join(shown_stand_in(ref) for ref in spec.instantiate_with)
    yield PC562.at(
        plugin,
        _refused_at(target.module, node, why),
        f"{function.name}() returns {node.name}, which the host then builds as "
        f"{node.name}({built}): {why}; the host's call raises TypeError",
        fix=fix.format(node.name),
    )


@plugin_check(PC561)
def factory_signature(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """PC561 for the lifecycle's factory the host calls with ``factory-stand-ins``: a plain
    function, or a class judged by its own ``__init__``."""
    lifecycle = ctx.contract.lifecycle
    info = ctx.module(plugin)
    build = lifecycle.build if lifecycle is not None else None
    name = ctx.contract.factory_of(plugin)
    if build is None or info is None or name is None or "." in name:
        return
    roots = ctx.roots(plugin)
    found = ctx.index.resolve(info, name, roots)
    if not isinstance(found, Resolved):
        return
    node = node_at(found.module, found.symbol.line)
    count, keywords = len(build.stand_ins), tuple(k for k, _ in build.keywords)
    if isinstance(node, ast.ClassDef) and found.symbol.kind is SymbolKind.CLASS:
        passed = init_parameters(node, build.stand_ins, build.keywords)
        why = class_refusal(ctx, plugin, found.module, node, count, keywords, passed)
    elif isinstance(node, ast.FunctionDef) and not node.decorator_list:
        why = call_refusal(node.args, count, keywords)
    else:
        return
    if why is None:
        return
    call = str(build).replace(build.method, name, 1)
    # A decorated class (a dataclass) is placed at its first decorator, as inspect does.
    line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    yield PC561.at(
        plugin,
        Location(found.module.path, line, node.col_offset + 1),
        f"{name} cannot take what the host passes, {call}: {why}; the host's call raises TypeError",
        fix=(
            DATACLASS_FIX.format(name)
            if why.startswith("the __init__ @dataclass")
            else f"give {name} the host's parameters: one per factory stand-in, in order"
        ),
    )


def _refused_at(module: ModuleInfo, node: ast.ClassDef, why: str) -> Location:
    """Where the host's build of the class an entry function returned fails, as the harness
    places it (the innermost frame in the plugin): the ``super().__init__`` call the base
    refuses, else the class."""
    call = super_call(node) if why.startswith(SAID) else None
    if call is not None:
        return Location(module.path, call.lineno, call.col_offset + 1)
    return Location(module.path, node.lineno, node.col_offset + 1)
