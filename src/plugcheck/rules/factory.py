"""Factory contracts, read from the source: a factory that returns nothing, and names that
exist only for the type checker but are evaluated when the host imports the plugin."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.attribute_never_set import PC218, never_set, set_only_later, unset_read
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.call_reads import PC545, PC547
from plugcheck.rules.certain_end import exits_every_call
from plugcheck.rules.factory_late import late_factory
from plugcheck.rules.installed import PC214, call_time_import
from plugcheck.rules.instance_members import getattr_refuses, instance_members
from plugcheck.rules.logger_calls import PC551
from plugcheck.rules.metadata_version import PC539, unread_metadata
from plugcheck.rules.own_module_attrs import first_lacked
from plugcheck.rules.passed_values import PC548, every_call_reads
from plugcheck.rules.reached import Untold, first_call, reader_of, returns_on_target
from plugcheck.rules.signatures import PC201
from plugcheck.rules.signatures.codes import PC203, PC204
from plugcheck.rules.straight_code import through_local
from plugcheck.rules.thread_state import thread_misuse
from plugcheck.static.bindings import Binding, ClassValue, Target
from plugcheck.static.branches import decide
from plugcheck.static.function_walk import own_has, own_of
from plugcheck.static.index import Resolved
from plugcheck.static.kept import branch_states, kept_line
from plugcheck.static.parse import (
    ModuleInfo,
    SymbolKind,
    dotted_name,
    is_type_checking,
    own_nodes,
)
from plugcheck.static.syntax import LITERALS, parameterless_lambda

PC211 = rule(
    "PC211",
    "factory-returns-nothing",
    Severity.ERROR,
    "The factory function never returns a value (or is a generator function): the host gets "
    "None or a generator instead of a plugin.",
    # the harness's class check of what the factory made passed: in the contract's environment
    # the factory took a path that returns the plugin
    overruled_by="identity",
)
_STEP_FAILURES = ("PC405", "PC407", "PC408")
"""The harness's init/run/shutdown failures, which these rules predict (same method)."""

PC215 = rule(
    "PC215",
    "lifecycle-method-never-runs",
    Severity.ERROR,
    "A lifecycle method of the plugin the factory returns is a generator function (`yield` in "
    "its body, `async def` or not), or, for a host that does not await it, returns an `async "
    "def` method's coroutine: each call returns a generator or coroutine object, its body "
    "never runs.",
    explains=_STEP_FAILURES,
)
PC516 = rule(
    "PC516",
    "factory-returns-class",
    Severity.ERROR,
    "The factory returns the plugin class itself, not an instance: the host calls the "
    "lifecycle methods on the class, without `self`.",
    explains=_STEP_FAILURES,
)
PC517 = rule(
    "PC517",
    "lifecycle-method-always-raises",
    Severity.ERROR,
    "A lifecycle method of the plugin the factory returns raises on every call (a `raise` or "
    "sys.exit() its body always reaches, or a kept thread joined before started or twice started).",
    # PC541, PC532: the failed call of a method lifecycle.calls / setup-function.calls names
    explains=(*_STEP_FAILURES, "PC541", "PC532"),
    overruled_by="lifecycle",  # the harness's call of that very method worked
)
PC518 = rule(
    "PC518",
    "lifecycle-method-is-property",
    Severity.ERROR,
    "A lifecycle method of the plugin the factory returns is a property whose value is not "
    "callable: the host's call fails with TypeError.",
    # PC541, PC532: the failed call of a method lifecycle.calls / setup-function.calls names
    explains=(*_STEP_FAILURES, "PC541", "PC532"),
)

_STEPS = ("init", "run", "shutdown")
"""The lifecycle methods the harness and the host call on the factory's plugin."""


def _required(fn: ast.FunctionDef) -> list[str]:
    """Parameters a call without arguments leaves unfilled."""
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    unfilled = [a.arg for a in positional[: len(positional) - len(args.defaults)]]
    unfilled += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return unfilled


def _is_none(value: ast.expr | None) -> bool:
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


@dataclass(frozen=True, slots=True)
class _Factory:
    """The factory definition Python keeps, and whether the module certainly binds it."""

    module: ModuleInfo
    fn: ast.FunctionDef
    """The ``def``, or ``def new(): return <body>`` for ``new = lambda: <body>``."""
    certain: bool
    """Not under a ``try``/``with`` or an ``if`` the target may not take."""
    nested: bool
    """Defined inside an ``if`` (mypy judges the first definition of a name, not this one)."""
    lam: bool = False
    """A lambda, or bound where mypy does not see it (``setattr``, module ``__getattr__``)."""


def _kept_defs(body: list[ast.stmt], env: Environment) -> Iterator[tuple[ast.stmt, bool, bool]]:
    """Module-scope statements with (certainly run, inside an ``if``)."""
    for stmt, state, nested in branch_states(body, env):
        yield stmt, state == "runs", nested


def _factory(ctx: Context, plugin: Plugin) -> _Factory | None:
    """The lifecycle factory's ``def``, followed through re-exports to the last binding."""
    lifecycle = ctx.contract.lifecycle
    info = ctx.module(plugin)
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or not name or info is None:
        return None
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    late = late_factory(ctx, plugin) if not isinstance(found, Resolved) else None
    if late is not None and parameterless_lambda(late[0].value):
        return _Factory(late[1], _as_def(name, late[0].value), True, False, lam=True)
    if not isinstance(found, Resolved) or found.symbol.kind is SymbolKind.CLASS:
        return None  # an async factory is PC202's
    tree = found.module.tree
    line = kept_line(found, ctx.env)
    for stmt, certain, nested in _kept_defs(tree.body if tree else [], ctx.env):
        if stmt.lineno != line:
            continue
        if isinstance(stmt, ast.FunctionDef):
            return _Factory(found.module, stmt, certain, nested)
        if isinstance(stmt, ast.Assign) and parameterless_lambda(stmt.value):
            fn = _as_def(name, stmt.value)
            return _Factory(found.module, fn, certain, nested, lam=True)
    return None


def _as_def(name: str, lam: ast.Lambda) -> ast.FunctionDef:
    """``def name(): return <body>``: what the host's call of ``name = lambda: <body>`` runs."""
    ret = ast.copy_location(ast.Return(lam.body), lam.body)
    fn = ast.FunctionDef(name, lam.args, [ret], [], None)
    if sys.version_info >= (3, 12):
        fn.type_params = []
    return ast.copy_location(fn, lam)


@plugin_check(PC211, PC201)
def factory_returns(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    factory = _factory(ctx, plugin)
    if factory is None or not factory.certain or factory.lam:
        return
    module, fn = factory.module, factory.fn
    name = ctx.contract.factory_of(plugin) or fn.name
    if factory.nested and (required := _required(fn)):
        # mypy judges a name's first definition; Python keeps this one (a version branch).
        yield PC201.at(
            plugin,
            Location(module.path, fn.lineno, fn.col_offset + 1),
            f"{fn.name}() requires {', '.join(required)}, which the host's call {name}() does "
            "not pass: this definition, in a branch the target takes, replaces the earlier one",
            fix=f"give {', '.join(required)} a default, or define {name}() once",
        )
    where = Location(module.path, fn.lineno, fn.col_offset + 1)
    if own_has(fn, ast.Yield, ast.YieldFrom):
        yield PC211.at(
            plugin,
            where,
            f"{fn.name}() is a generator function: the host's call to {name}() gets a generator "
            "object, not a plugin, and its body never runs",
            fix="return the plugin object instead of yielding it",
        )
        return
    if any(not _is_none(n.value) for n in own_of(fn, ast.Return)):
        yield from _none_on_a_path(ctx, plugin, factory, name)
        return
    raises = own_has(fn, ast.Raise)
    none = any(n.value is not None for n in own_of(fn, ast.Return))  # `return None`
    yield PC211.at(
        plugin,
        where,
        f"{fn.name}() "
        + ("returns only None" if none else "has no `return` with a value")
        + f": the host's call to {name}() gets None"
        + (" (or the exception it raises)" if raises else "")
        + ", not a plugin",
        fix=f"return the plugin object from {fn.name}()",
    )


def _none_on_a_path(
    ctx: Context, plugin: Plugin, factory: _Factory, name: str
) -> Iterator[Finding]:
    """A factory that returns a plugin on some paths and ``None`` (``return None``, a bare
    ``return``) on another that source cannot rule out for the target (``if
    os.environ.get(...)``): wherever that path runs, the host gets None. A path the target
    certainly takes or never takes is factory_product's to judge; a ``return None`` in an
    ``except`` handler answers a failure judged on its own; one behind a test of a value the
    factory computed itself (``if _instance is None`` after binding it) is data, not a path the
    environment picks."""
    reader = reader_of(ctx, plugin)
    module, fn = factory.module, factory.fn
    scope = reader.scope(module)
    first = first_call(fn, module)
    if not isinstance(returns_on_target(fn.body, scope, reader.ns.target, first), Untold):
        return
    params = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
    for ret, tests in _none_returns(fn.body, scope, reader.ns.target, ()):
        bound = params | {
            n.id
            for n in own_nodes(fn)
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n.lineno < ret.lineno
        }
        if any(isinstance(n, ast.Name) and n.id in bound for t in tests for n in ast.walk(t)):
            continue
        yield PC211.at(
            plugin,
            Location(module.path, ret.lineno, ret.col_offset + 1),
            f"{fn.name}() returns None here, on a path source cannot rule out for the target "
            f"(the environment decides): where it runs, the host's call to {name}() gets None, "
            "not a plugin",
            fix="return the plugin object on every path, or raise an exception that says why "
            "the plugin cannot be made",
            subject=name,
        )
        return


def _none_returns(
    body: list[ast.stmt], scope: dict[str, Binding], target: Target, tests: tuple[ast.expr, ...]
) -> Iterator[tuple[ast.Return, tuple[ast.expr, ...]]]:
    """The ``return None`` / bare ``return`` statements of a function body outside branches the
    target never takes, ``except`` handlers and nested functions, with the tests of the
    ``if``/``while``/``match`` statements around each."""
    for stmt in body:
        match stmt:
            case ast.Return(value=value) if _is_none(value):
                yield stmt, tests
            case ast.If(test=test):
                taken = False if is_type_checking(test) else decide(test, scope, target)
                if taken is not False:
                    yield from _none_returns(stmt.body, scope, target, (*tests, test))
                if taken is not True:
                    yield from _none_returns(stmt.orelse, scope, target, (*tests, test))
            case ast.Try() | ast.TryStar():
                for part in (stmt.body, stmt.orelse, stmt.finalbody):
                    yield from _none_returns(part, scope, target, tests)
            case ast.While(test=test):
                yield from _none_returns([*stmt.body, *stmt.orelse], scope, target, (*tests, test))
            case ast.For() | ast.AsyncFor() | ast.With() | ast.AsyncWith():
                part = [*stmt.body, *getattr(stmt, "orelse", [])]
                yield from _none_returns(part, scope, target, tests)
            case ast.Match(subject=subject):
                for case in stmt.cases:
                    yield from _none_returns(case.body, scope, target, (*tests, subject))


# --- what the factory returns ------------------------------------------------------------


def _class_def(resolved: Resolved) -> ast.ClassDef | None:
    for node in resolved.module.nodes(ast.ClassDef):
        if node.lineno == resolved.symbol.line:
            return node
    return None


def _returned(ctx: Context, plugin: Plugin, factory: _Factory) -> tuple[bool, Resolved] | None:
    """(returns an instance, the class) when every ``return`` of the factory names one class:
    ``return Worker()`` (an instance) or ``return Worker`` (the class itself)."""
    classes: set[tuple[bool, Path, int]] = set()
    kept: Resolved | None = None
    returns = [n for n in own_nodes(factory.fn) if isinstance(n, ast.Return)]
    for node in returns:
        value = through_local(factory.fn, node.value) if node.value else None
        called = isinstance(value, ast.Call) and not value.args and not value.keywords
        target = value.func if called else value  # type: ignore[union-attr]  # a Call when called
        name = dotted_name(target) if isinstance(target, ast.expr) else None
        if name is None or "." in name:
            return None
        found = ctx.index.resolve(factory.module, name, ctx.roots(plugin))
        if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
            return None
        line = kept_line(found, ctx.env) if found.symbol.conditional else found.symbol.line
        if line != found.symbol.line:  # the last definition is in a branch the target skips
            found = Resolved(replace(found.symbol, line=line), found.module)
        classes.add((called, found.module.path, found.symbol.line))
        kept = found
    if kept is None or len(classes) != 1:
        return None
    return next(iter(classes))[0], kept


def _decorators(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {(dotted_name(d) or "").rsplit(".", 1)[-1] for d in fn.decorator_list}


def _methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The class body's last ``def`` of each name (what the class keeps)."""
    return {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}


_SIMPLE = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass, ast.Import, ast.ImportFrom)


def _always_raises(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Raise | None:
    """The ``raise`` every call reaches: only straight-line statements before it."""
    for stmt in fn.body:
        if isinstance(stmt, ast.Raise):
            return stmt
        if not isinstance(stmt, _SIMPLE):
            return None
    return None


def _positional(args: ast.arguments) -> bool:
    """The function takes a positional argument (where a method gets its instance)."""
    return bool(args.posonlyargs or args.args or args.vararg)


def _coroutine(fn: ast.FunctionDef | ast.AsyncFunctionDef, cls: ast.ClassDef) -> ast.stmt | None:
    """The ``return self.other(...)`` a plain lifecycle method's straight-line body reaches,
    with ``other`` an undecorated ``async def`` of the same class: the host gets a coroutine
    (an ``async def`` lifecycle method itself is mypy's to judge, PC205)."""
    args = [*fn.args.posonlyargs, *fn.args.args]
    if isinstance(fn, ast.AsyncFunctionDef) or fn.decorator_list or not args:
        return None
    methods = _methods(cls)
    for stmt in fn.body:
        if isinstance(stmt, ast.Return):
            call = stmt.value
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and dotted_name(call.func.value) == args[0].arg
                and isinstance(methods.get(call.func.attr), ast.AsyncFunctionDef)
                and not methods[call.func.attr].decorator_list
            ):
                return stmt
            return None
        if not isinstance(stmt, _SIMPLE):
            return None
    return None


def getter_not_callable(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``fn`` is a ``property`` (or ``cached_property``) getter whose value is never callable:
    it returns nothing, None or a literal (a constant, a display, a comprehension). An
    annotated getter is mypy's to judge (PC203: the property is not a method)."""
    if not _decorators(fn) & {"property", "cached_property"} or fn.returns is not None:
        return False
    values = [n.value for n in own_of(fn, ast.Return)]
    if own_has(fn, ast.Yield, ast.YieldFrom, ast.Await):
        return False
    return all(v is None or isinstance(v, LITERALS) for v in values)


@plugin_check(
    PC215, PC516, PC517, PC518, PC214, PC218, PC203, PC204, PC539, PC545, PC547, PC548, PC551
)
def returned_plugin(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """The class the factory returns (or returns an instance of), read from the source."""
    factory = _factory(ctx, plugin)
    if factory is None or not factory.certain or ctx.contract.lifecycle is None:
        return
    fn = factory.fn
    name = ctx.contract.factory_of(plugin) or fn.name
    lazy = call_time_import(ctx, plugin, fn, factory.module.path, f"{fn.name}()", name)
    if lazy is not None:
        yield lazy
        return
    if ctx.contract.lifecycle.protocol is None:
        return
    returned = _returned(ctx, plugin, factory)
    cls = _class_def(returned[1]) if returned else None
    if returned is None or cls is None or not _transparent(cls.decorator_list, _SAME_CLASS):
        return  # a class decorator may replace the class or its members
    instance, resolved = returned
    path = resolved.module.path
    methods = {n: m for n, m in _methods(cls).items() if n in _STEPS}
    if not instance:
        plain = [n for n in _STEPS if n in methods and not _decorators(methods[n]) & _BOUND_ANYWAY]
        if plain:
            yield PC516.at(
                plugin,
                Location(factory.module.path, fn.lineno, fn.col_offset + 1),
                f"{fn.name}() returns the class {cls.name} itself, not an instance: the host "
                f"calls {plain[0]}() on the class, where it is a plain function and the host's "
                "first argument lands in `self` (TypeError)",
                fix=f"return an instance: `return {cls.name}()`",
                subject=plain[0],
            )
        return
    reader = reader_of(ctx, plugin)
    tree, lifecycle = resolved.module.tree, ctx.contract.lifecycle  # init, run, shutdown once:
    once = tree is not None and not lifecycle.reload and lifecycle.calls is None
    misuse = thread_misuse(cls, tree) if once and tree is not None else None
    for name, method in methods.items():
        where = Location(path, method.lineno, method.col_offset + 1)
        decorators = _decorators(method)
        if decorators & {"property", "cached_property"}:
            if getter_not_callable(method):
                yield PC518.at(
                    plugin,
                    where,
                    f"{cls.name}.{name} is a property whose value is not callable (None or a "
                    f"literal): the host's {name}(...) call raises TypeError",
                    fix=f"drop the @property decorator: {name} must be a method",
                    subject=name,
                )
                continue
            # Reading the property runs its getter: a name nothing sets raises there.
            lone = len(method.decorator_list) == 1 and isinstance(method, ast.FunctionDef)
            cls_value = ClassValue(cls, resolved.module)
            unset = never_set(reader, cls_value, method, getter=True) if lone else None
            if unset is not None:
                yield unset_read(plugin, path, cls.name, name, unset, getter=True)
            continue
        # A decorator known to keep the body the host's call runs (staticmethod, classmethod,
        # typing.override) is looked through; any other may replace the method.
        known = _transparent(method.decorator_list, _SAME_BODY)
        args = method.args
        if known and "staticmethod" not in decorators and not _positional(args):
            yield PC204.at(
                plugin,
                where,
                f"{cls.name}.{name}() takes no positional parameter, but Python passes the "
                f"{'class' if 'classmethod' in decorators else 'instance'} first: the "
                f"host's {name}(...) call fails with TypeError every time",
                fix=f"add `self` as the first parameter of {name}()",
                subject=name,
            )
            continue
        if known and own_has(method, ast.Yield, ast.YieldFrom):
            kind = (
                "an async generator" if isinstance(method, ast.AsyncFunctionDef) else "a generator"
            )
            yield PC215.at(
                plugin,
                where,
                f"{cls.name}.{name}() contains `yield`: each call the host makes returns {kind} "
                f"object and none of its body runs, so {name}() never does its work",
                fix=f"do the work in {name}() directly (drop the `yield`); a generator is for a "
                "host that iterates the result",
                subject=name,
            )
            continue
        unset = never_set(reader, ClassValue(cls, resolved.module), method) if known else None
        if unset is not None:
            yield unset_read(plugin, path, cls.name, name, unset, getter=False)
            continue
        after = [methods[n] for n in _STEPS[_STEPS.index(name) + 1 :] if n in methods]
        early = (
            set_only_later(reader, ClassValue(cls, resolved.module), method, after)
            if known and once
            else None
        )
        if early is not None:
            yield PC218.at(
                plugin,
                Location(path, early.lineno, early.col_offset + 1),
                f"{cls.name}.{name}() reads `{ast.unparse(early)}`, which only "
                f"{' and '.join(f'{m.name}()' for m in after)} may set, and the host calls "
                f"{'them' if len(after) > 1 else 'it'} after {name}(): every call of {name}() "
                "by the host raises AttributeError",
                fix=f"set `{ast.unparse(early)}` in __init__ or init()",
                subject=name,
            )
            continue
        unread = unread_metadata(ctx, plugin, resolved.module, method) if known else None
        if unread is not None:
            yield PC539.at(
                plugin,
                Location(path, unread[0].lineno, unread[0].col_offset + 1),
                f"{cls.name}.{name}() runs `{ast.unparse(unread[0])[:80]}` on every call, but no "
                f"distribution {unread[1]!r} is installed in the target environment: every call "
                f"of {name}() by the host fails with PackageNotFoundError",
                fix=f"install {unread[1]} in the host's environment, or guard the call with "
                "`try: ... except PackageNotFoundError:` and a fallback",
                subject=name,
            )
            continue
        unawaited = (
            _coroutine(method, cls) if known and not ctx.contract.lifecycle.is_async else None
        )
        if unawaited is not None:
            yield PC215.at(
                plugin,
                Location(path, unawaited.lineno, unawaited.col_offset + 1),
                f"{cls.name}.{name}() returns the coroutine of an `async def` method without "
                "awaiting it: each call the host makes gets a coroutine object nobody awaits, so "
                "none of its body runs",
                fix=f"make {name}() a plain def that does the work (run a coroutine with "
                "asyncio.run), or declare the lifecycle async if the host awaits it",
                subject=name,
            )
            continue
        lazy = (
            call_time_import(ctx, plugin, method, path, f"{cls.name}.{name}()", name)
            if known
            else None
        )
        if lazy is not None:
            yield lazy
            continue
        read = (
            every_call_reads(ctx, plugin, path, f"{cls.name}.{name}()", method, name)
            if known and isinstance(method, ast.FunctionDef)
            else None
        )
        if read is not None:
            yield read
            continue
        lacked = first_lacked(reader, resolved.module, method) if known else None
        if lacked is not None:
            held, attr = dotted_name(lacked[0].value), lacked[0].attr
            yield PC517.at(
                plugin,
                Location(path, lacked[0].lineno, lacked[0].col_offset + 1),
                f"{cls.name}.{name}() reads {held}.{attr}, but {held} is the plugin's own module "
                f"({lacked[1]}), which binds no {attr!r}: every call the host makes raises "
                "AttributeError",
                fix=f"define {attr} in {lacked[1]}, or import the module that has it",
                subject=name,
            )
            continue
        if misuse is not None and misuse.step == name:
            yield PC517.at(
                plugin,
                Location(path, misuse.call.lineno, misuse.call.col_offset + 1),
                f"{cls.name}.{name}() runs `{ast.unparse(misuse.call)[:60]}` when the host calls "
                f"init, run and shutdown in turn: RuntimeError: {misuse.message}",
                fix="start the thread once (in init) and join it only if it was started",
                subject=name,
            )
            continue
        raised = _always_raises(method) if known else None
        if raised is not None:
            shown = ast.unparse(raised.exc) if raised.exc is not None else "the active exception"
            yield PC517.at(
                plugin,
                Location(path, raised.lineno, raised.col_offset + 1),
                f"{cls.name}.{name}() always raises {shown[:80]}: every call the host makes fails",
                fix=f"implement {name}() (or make it a no-op); raise only on a real failure",
                subject=name,
            )
            continue
        if known and (ended := exits_every_call(resolved.module, method)) is not None:
            yield PC517.at(
                plugin,
                where,
                f"{cls.name}.{name}() {ended[1]}: every call the host makes fails",
                fix=f"return from {name}() instead; only the host decides when it exits",
                subject=name,
            )
    factory_name = ctx.contract.factory_of(plugin) or fn.name
    yield from instance_members(reader, plugin, ClassValue(cls, resolved.module), factory_name)
    yield from getattr_refuses(reader, plugin, ClassValue(cls, resolved.module), factory_name)


_BOUND_ANYWAY = {"staticmethod", "classmethod"}
_SAME_BODY = {"staticmethod", "classmethod", "override", "final"}
"""Method decorators whose result, when called, runs the method's own body."""
_SAME_CLASS = {"dataclass", "total_ordering", "runtime_checkable", "final"}
"""Class decorators that return the class, its init/run/shutdown methods untouched."""


def _transparent(decorators: list[ast.expr], known: set[str]) -> bool:
    """Every decorator (called or not) is one of ``known``, by its last dotted part."""
    names = [dotted_name(d.func if isinstance(d, ast.Call) else d) or "" for d in decorators]
    return all(n.rsplit(".", 1)[-1] in known for n in names)
