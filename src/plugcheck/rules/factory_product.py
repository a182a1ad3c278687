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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.factory import PC211, _kept_defs
from plugcheck.rules.reached import (
    Function,
    binds,
    certain,
    exits,
    local_names,
    shallow,
    unbound,
)
from plugcheck.rules.signatures.codes import PC202, PC204, PC210
from plugcheck.static.bindings import (
    Binding,
    ClassValue,
    Foreign,
    ModuleRef,
    Routine,
    Target,
)
from plugcheck.static.branches import decide
from plugcheck.static.index import Resolved
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import call_fits, target_names

_STEP_FAILURES = ("PC403", "PC405", "PC407", "PC408")

PC216 = rule(
    "PC216",
    "attribute-cannot-be-set",
    Severity.ERROR,
    "A method the host calls on the factory's plugin (its constructor, init, run or shutdown) "
    "always assigns an attribute the instance cannot hold: the class is a frozen dataclass, or "
    "its `__slots__` lack the name.",
    explains=_STEP_FAILURES,
)
PC217 = rule(
    "PC217",
    "name-never-bound",
    Severity.ERROR,
    "Code every call of the factory or of a lifecycle method runs reads a name that is bound "
    "nowhere (not a local, not in the module, not a builtin): the call raises NameError.",
    explains=_STEP_FAILURES,
)

_STEPS = {"init": 1, "run": 0, "shutdown": 1}
"""The lifecycle methods and how many positional arguments the host passes."""
_NOT_PLUGINS = frozenset({"object", "dict", "list", "set", "tuple", "str", "int", "float"})
"""Builtin types whose instances have no init/run/shutdown."""


@dataclass(frozen=True, slots=True)
class _Made:
    """The plugin the factory makes: an instance of ``cls`` built with ``call``'s arguments."""

    cls: ClassValue
    positional: int
    keywords: tuple[str, ...]
    where: Location
    label: str
    factory: str


@dataclass(frozen=True, slots=True)
class _Called:
    """A plugin function every call of the factory runs."""

    fn: Function
    module: ModuleInfo
    label: str


class _Reader:
    """One plugin's namespaces, and the factory read through them."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx, self.plugin = ctx, plugin
        target = Target(ctx.env.version, ctx.env.markers.get("sys_platform"))
        self.ns = Namespaces(ctx.index, ctx.roots(plugin), plugin.files, "", target)
        self.own = {p.resolve() for p in plugin.files}

    def scope(self, info: ModuleInfo) -> dict[str, Binding]:
        return self.ns.module(info)

    def mine(self, info: ModuleInfo) -> bool:
        return info.path.resolve() in self.own


def _factory_statement(ctx: Context, plugin: Plugin) -> tuple[ast.stmt, ModuleInfo] | None:
    """The statement binding the factory that Python keeps, when the module certainly runs it."""
    lifecycle = ctx.contract.lifecycle
    info = ctx.module(plugin)
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.protocol is None or not name or info is None:
        return None
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.tree is None:
        return None
    for stmt, kept, _ in _kept_defs(found.module.tree.body, ctx.env):
        if stmt.lineno == found.symbol.line and isinstance(stmt, ast.FunctionDef | ast.Assign):
            return (stmt, found.module) if kept else None
    return None


# --- what the factory makes ----------------------------------------------------------------


class _Untold:
    """What a function returns is not known from source."""


UNTOLD = _Untold()


def _returns(
    body: Sequence[ast.stmt], scope: dict[str, Binding], target: Target
) -> ast.expr | _Untold | None:
    """The value of the ``return`` the target's run of ``body`` reaches: an expression, ``None``
    for a bare ``return`` or falling off the end, ``UNTOLD`` when source does not tell."""
    for stmt in body:
        match stmt:
            case ast.Return(value=value):
                return value
            case ast.If(test=test):
                decided = decide(test, scope, target)
                if decided is None:
                    if exits(stmt):
                        return UNTOLD
                    continue
                found = _returns(stmt.body if decided else stmt.orelse, scope, target)
                if found is not None:
                    return found
                if exits(stmt):
                    return UNTOLD  # a `break`/`continue` or a nested exit source cannot place
            case ast.Raise():
                return UNTOLD
            case _:
                if exits(stmt):
                    return UNTOLD
    return None


@dataclass(frozen=True, slots=True)
class _NotPlugin:
    what: str
    node: ast.AST
    module: ModuleInfo


def _follow(
    reader: _Reader, expr: ast.expr | None, info: ModuleInfo, label: str, depth: int = 0
) -> _Made | _NotPlugin | _Called | None:
    """What evaluating ``expr`` (a factory's returned value) gives the host."""
    where = Location(info.path, getattr(expr, "lineno", 1), getattr(expr, "col_offset", 0) + 1)
    scope = reader.scope(info)
    if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
        return _NotPlugin("None", expr or ast.Constant(None), info)
    if isinstance(expr, ast.Constant):
        return _NotPlugin(f"the constant {ast.unparse(expr)[:40]}", expr, info)
    if not isinstance(expr, ast.Call) or any(isinstance(a, ast.Starred) for a in expr.args):
        return None
    if any(k.arg is None for k in expr.keywords):
        return None
    called = reader.ns.value(info, expr.func, scope)
    name = dotted_name(expr.func) or ""
    if name in _NOT_PLUGINS and name not in scope:
        return _NotPlugin(f"a plain {name}", expr, info)
    keywords = tuple(k.arg for k in expr.keywords if k.arg)
    if isinstance(called, ClassValue):
        return _Made(called, len(expr.args), keywords, where, label, label.removesuffix("()"))
    if isinstance(called, Routine) and not called.in_class and depth < 5:
        fn = called.node
        if not isinstance(fn, ast.FunctionDef) or not reader.mine(called.module):
            return None
        if fn.decorator_list or not call_fits(fn.args, len(expr.args), keywords):
            return None
        if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in shallow(fn)):
            return None
        returned = _returns(fn.body, reader.scope(called.module), reader.ns.target)
        if isinstance(returned, _Untold):
            return _Called(fn, called.module, f"{fn.name}()")
        if isinstance(returned, ast.expr) and _reads_locals(returned, fn):
            return _Called(fn, called.module, f"{fn.name}()")
        made = _follow(reader, returned, called.module, label, depth + 1)
        if made is None:
            return _Called(fn, called.module, f"{fn.name}()")
        return made
    return None


def _reads_locals(expr: ast.expr, fn: Function) -> bool:
    local = local_names(fn)
    return any(isinstance(n, ast.Name) and n.id in local for n in ast.walk(expr))


def _partial(reader: _Reader, value: ast.expr, info: ModuleInfo) -> ast.Call | None:
    """``functools.partial(cls, ...)`` spelled any way the module imports it, as the call it
    makes when the host calls it with no arguments."""
    if not isinstance(value, ast.Call) or not value.args:
        return None
    scope = reader.scope(info)
    head, _, attr = (dotted_name(value.func) or "").rpartition(".")
    found = scope.get(head) if head else scope.get(attr)
    is_partial = (
        isinstance(found, ModuleRef) and found.name == "functools" and attr == "partial"
        if head
        else isinstance(found, Foreign) and (found.module, found.name) == ("functools", "partial")
    )
    if not is_partial:
        return None
    return ast.Call(value.args[0], value.args[1:], value.keywords)


# --- the checks ----------------------------------------------------------------------------


@plugin_check(PC216, PC217, PC210, PC202, PC211, PC204)
def factory_product(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    bound = _factory_statement(ctx, plugin)
    if bound is None:
        return
    stmt, info = bound
    reader = _Reader(ctx, plugin)
    factory = ctx.contract.factory_of(plugin) or "new"
    label = f"{factory}()"
    made: _Made | _NotPlugin | _Called | None
    if isinstance(stmt, ast.FunctionDef):
        if stmt.decorator_list or any(
            isinstance(n, ast.Yield | ast.YieldFrom) for n in shallow(stmt)
        ):
            return
        missing = unbound(stmt, info)
        if missing is not None:
            yield _never_bound(plugin, missing, info, f"{stmt.name}()", label, factory)
            return
        returned = _returns(stmt.body, reader.scope(info), reader.ns.target)
        local = isinstance(returned, ast.expr) and _reads_locals(returned, stmt)
        if isinstance(returned, _Untold) or local:
            return
        if returned is None and not any(
            isinstance(n, ast.Return) and n.value is not None for n in shallow(stmt)
        ):
            return  # PC211 (factory.py) says it: no `return` with a value at all
        made = _follow(reader, returned, info, label)
    else:
        assert isinstance(stmt, ast.Assign)
        call = _partial(reader, stmt.value, info)
        if call is None:
            if isinstance(reader.ns.value(info, stmt.value, reader.scope(info)), ClassValue):
                call = ast.Call(stmt.value, [], [])
            else:
                return
        ast.copy_location(call, stmt.value)
        made = _follow(reader, call, info, label)
    if isinstance(made, _Called):
        missing = unbound(made.fn, made.module)
        if missing is not None:
            yield _never_bound(plugin, missing, made.module, made.label, label, factory)
        return
    if isinstance(made, _NotPlugin):
        yield _not_plugin(plugin, made, label)
        return
    if made is not None:
        yield from _product(ctx, reader, plugin, made)


def _never_bound(
    plugin: Plugin, name: ast.Name, info: ModuleInfo, where: str, label: str, subject: str
) -> Finding:
    return PC217.at(
        plugin,
        Location(info.path, name.lineno, name.col_offset + 1),
        f"{where} reads `{name.id}`, which is bound nowhere in {info.path.name} (not a local, "
        f"not a module name, not a builtin): every call of {label} by the host raises NameError",
        fix=f"import or define `{name.id}` in {info.path.name}, or pass it in",
        subject=subject,
    )


def _not_plugin(plugin: Plugin, made: _NotPlugin, label: str) -> Finding:
    line = getattr(made.node, "lineno", 1)
    where = Location(made.module.path, line, getattr(made.node, "col_offset", 0) + 1)
    if made.what == "None":
        return PC211.at(
            plugin,
            where,
            f"{label} returns None on the path the target runs (this `return`, followed from "
            "the factory): the host gets None, not a plugin",
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


def _product(ctx: Context, reader: _Reader, plugin: Plugin, made: _Made) -> Iterator[Finding]:
    cls, node = made.cls, made.cls.node
    if not reader.mine(cls.module) or any(k.arg == "metaclass" for k in node.keywords):
        return
    methods = {
        s.name: s for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    frozen = _frozen_dataclass(node)
    decorated = bool(node.decorator_list) and not frozen and not _plain_dataclass(node)
    if decorated:
        return  # a class decorator may replace the class or its members
    init = methods.get("__init__")
    passes = made.positional or made.keywords
    if passes and "__new__" not in methods and init is not None and not _fits(init, made):
        yield PC210.at(
            plugin,
            made.where,
            f"{made.label} calls {node.name}(...) with {_passed(made)}, which "
            f"{node.name}.__init__{_signature(init)} does not take: the host's call to "
            f"{made.label} fails with TypeError",
            fix=f"pass what {node.name}.__init__ takes, or give its parameters defaults",
            subject=made.factory,
        )
        return
    called = {"__init__": "its constructor", "__post_init__": "its constructor"}
    called.update({step: f"{step}()" for step in _STEPS})
    if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is not None:
        called = {k: v for k, v in called.items() if k.startswith("__")}
    for name in called:
        method = methods.get(name)
        if method is None or method.decorator_list:
            continue
        missing = unbound(method, cls.module)
        if missing is not None:
            step = made.factory if name.startswith("__") else name
            yield _never_bound(
                plugin, missing, cls.module, f"{node.name}.{name}()", made.label, step
            )
            continue
        step = made.factory if name.startswith("__") else name
        yield from _assignments(plugin, node, cls.module, method, frozen, step)
    if ctx.contract.lifecycle is not None and ctx.contract.lifecycle.calls is None:
        yield from _member_arity(plugin, reader, cls)


def _fits(init: Function, made: _Made) -> bool:
    return call_fits(init.args, made.positional + 1, made.keywords)


def _passed(made: _Made) -> str:
    parts = [f"{made.positional} positional argument{'s' * (made.positional != 1)}"]
    parts += [f"{k}=" for k in made.keywords]
    return ", ".join(parts)


def _signature(fn: Function) -> str:
    return f"({ast.unparse(fn.args)})"


def _decorator_name(node: ast.expr) -> str:
    return (dotted_name(node.func if isinstance(node, ast.Call) else node) or "").rsplit(".")[-1]


def _frozen_dataclass(node: ast.ClassDef) -> bool:
    if len(node.decorator_list) != 1:
        return False
    deco = node.decorator_list[0]
    return (
        isinstance(deco, ast.Call)
        and _decorator_name(deco) == "dataclass"
        and any(
            k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in deco.keywords
        )
    )


def _plain_dataclass(node: ast.ClassDef) -> bool:
    return len(node.decorator_list) == 1 and _decorator_name(node.decorator_list[0]) == "dataclass"


def _slots(node: ast.ClassDef) -> set[str] | None:
    """The names ``__slots__`` allows when the class has no ``__dict__`` (no base but
    ``object``, no ``__dict__`` slot); ``None`` otherwise."""
    if any(dotted_name(b) != "object" for b in node.bases) or node.keywords:
        return None
    slots: set[str] | None = None
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and [dotted_name(t) for t in stmt.targets] == ["__slots__"]:
            try:
                value = ast.literal_eval(stmt.value)
            except ValueError:
                return None
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, tuple | list) or not all(isinstance(n, str) for n in names):
                return None
            slots = set(names)
    if slots is None or "__dict__" in slots:
        return None
    return slots


def _class_names(node: ast.ClassDef) -> set[str]:
    names: set[str] = set()
    for stmt in node.body:
        names.update(binds(stmt))
        if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names.update(n for t in targets for n in target_names(t))
    return names


def _assignments(
    plugin: Plugin,
    cls: ast.ClassDef,
    info: ModuleInfo,
    method: Function,
    frozen: bool,
    subject: str,
) -> Iterator[Finding]:
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or "__setattr__" in _class_names(cls):
        return
    me = params[0].arg
    slots = None if frozen else _slots(cls)
    if not frozen and slots is None:
        return
    allowed = (slots or set()) | _class_names(cls)
    for part in certain(method.body):
        if not isinstance(part, ast.Assign | ast.AnnAssign | ast.AugAssign):
            continue
        targets = part.targets if isinstance(part, ast.Assign) else [part.target]
        for target in targets:
            if not (isinstance(target, ast.Attribute) and dotted_name(target.value) == me):
                continue
            if not frozen and target.attr in allowed:
                continue
            why = (
                f"{cls.name} is a frozen dataclass: assigning `{me}.{target.attr}` raises "
                "dataclasses.FrozenInstanceError"
                if frozen
                else f"{cls.name}.__slots__ has no `{target.attr}` and the instance has no "
                f"__dict__: assigning `{me}.{target.attr}` raises AttributeError"
            )
            step = "its constructor" if method.name.startswith("__") else f"{method.name}()"
            yield PC216.at(
                plugin,
                Location(info.path, target.lineno, target.col_offset + 1),
                f"{why}, on every call of {step} by the host",
                fix=(
                    "drop frozen=True, or keep the state elsewhere (object.__setattr__ in "
                    "__post_init__ for derived fields)"
                    if frozen
                    else f"add {target.attr!r} to __slots__"
                ),
                subject=subject,
            )
            return


def _member_arity(plugin: Plugin, reader: _Reader, cls: ClassValue) -> Iterator[Finding]:
    """Lifecycle members bound in the class body to a lambda or function (``run = _run``):
    called as a bound method, the instance comes first."""
    node = cls.node
    for stmt in node.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            continue
        name = dotted_name(stmt.targets[0])
        if name not in _STEPS:
            continue
        value = reader.ns.value(cls.module, stmt.value, reader.scope(cls.module))
        if not isinstance(value, Routine) or value.opaque or value.wrapped_by or value.bound:
            continue
        fn = value.node
        if isinstance(fn, ast.Lambda):
            if fn.args.posonlyargs or fn.args.kwonlyargs or fn.args.vararg or fn.args.kwarg:
                continue
        elif fn.decorator_list and value.kind == "function":
            continue
        if value.kind != "function" or call_fits(fn.args, _STEPS[name] + 1, ()):
            continue  # mypy judges staticmethod(f) and classmethod(f) members
        took = len([*fn.args.posonlyargs, *fn.args.args])
        passed = _STEPS[name] + 1
        yield PC204.at(
            plugin,
            Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
            f"{node.name}.{name} is bound to {_shown(stmt.value)}, which takes {took} "
            f"positional parameter{'s' * (took != 1)}: as a method it gets the instance and "
            f"the host's {passed - 1} argument{'s' * (passed != 2)}, {passed} in all, so the "
            f"host's {name}() call raises TypeError",
            fix=f"define {name} as a method: def {name}(self{', arg' * _STEPS[name]}): ...",
            subject=name,
        )


def _shown(expr: ast.expr) -> str:
    text = ast.unparse(expr)
    return f"`{text if len(text) <= 40 else text[:37] + '...'}`"
