"""What decorators, markers, attribute access and module-level idioms (``globals()``,
``setattr(sys.modules[__name__], ...)``, ``global`` in a function) make of a binding: the
pure helpers ``namespaces`` reads a plugin's names with."""

from __future__ import annotations

import ast
import copy
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace

from plugcheck.static.bindings import (
    UNKNOWN,
    Binding,
    ClassValue,
    Foreign,
    Instance,
    Mark,
    ModuleRef,
    NotFunction,
    Routine,
    Skipped,
    Value,
)
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import is_generator, own_nodes

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}
CONTEXT_MANAGERS = {"contextlib.contextmanager", "contextlib.asynccontextmanager"}
WRAPS = {"functools.wraps"}
DISPATCH = {"functools.singledispatch"}
"""Decorators returning a Python function that keeps the decorated one as ``__wrapped__``
(pluggy reads the arguments there) and needs a positional argument on every call."""
DISPATCH_METHOD = "functools.singledispatchmethod"
"""A descriptor whose ``__get__`` makes a new dispatching function on every access from the
class or an instance: it keeps the decorated one as ``__wrapped__`` and copies its ``__dict__``
(a marker applied under the descriptor comes along), never the descriptor's own (a marker
applied over it does not)."""
FUNCTION_KEEPING = {
    "atexit.register",
    "typing.final",
    "typing.no_type_check",
    "typing.override",
    "typing_extensions.final",
    "typing_extensions.override",
}
"""Function decorators that return the function they are given (at most setting an attribute
on it); ``types.coroutine`` does so for a generator function or an ``async def``."""
C_WRAPPERS = {"functools.lru_cache", "functools.cache"}
"""Decorators whose result is a C object, not a Python function (``inspect.isroutine`` is true
of it, as of a method descriptor; ``__wrapped__`` is the function)."""


KEPT_BY_HAND = {"abc.abstractmethod"}
"""Standard-library functions not named above that hand back the function they are given."""


def applied_by_hand(called: Binding | None, result: Binding) -> Binding:
    """``x = f(g)`` where ``f`` is a standard-library function none of the tables above names
    (``typing.get_type_hints(g)``, ``inspect.signature(g)``): ``x`` holds what that call
    returns, which is not ``g``. Taking it for ``g`` dressed by an unknown decorator, as a
    decorator of the plugin's own or a library's is taken, found hooks pluggy never sees
    (``HINTS implements hook 'HINTS'``), so ``x`` is unknown instead."""
    if (
        isinstance(called, Foreign)
        and (module := called.module_name()) is not None
        and module.partition(".")[0] in sys.stdlib_module_names
        and f"{module}.{called.name}" not in KEPT_BY_HAND
        and isinstance(result, Routine)
        and result.opaque
    ):
        return UNKNOWN
    return result


def keeps_function(origin: str, routine: Routine) -> bool:
    """The decorator ``origin`` hands back the function it decorates, unchanged."""
    if origin == "types.coroutine":
        node = routine.node
        return is_generator(node) or isinstance(node, ast.AsyncFunctionDef)
    return origin in FUNCTION_KEEPING


def origin_of(found: Binding | None, name: str) -> str:
    """``module.attr`` a decorator name stands for (``cm`` from ``from contextlib import
    contextmanager as cm`` is ``contextlib.contextmanager``)."""
    head, _, rest = name.partition(".")
    if isinstance(found, Foreign):
        return f"{found.module}.{found.name}"
    if isinstance(found, ModuleRef):
        return found.name
    return name if not rest else f"{head}.{rest}"


def imported_as(name: str, scope: Mapping[str, Binding]) -> str | None:
    """``module.attr`` the dotted ``name`` stands for when its head is an import of ``scope``
    (``ft.partial`` after ``import functools as ft``, ``cp`` after ``from functools import
    cached_property as cp``); ``None`` when its head is no import."""
    head, _, rest = name.partition(".")
    found = scope.get(head)
    if isinstance(found, ModuleRef):
        return f"{found.name}.{rest}" if rest else found.name
    if isinstance(found, Foreign):
        return f"{found.module}.{found.name}" + (f".{rest}" if rest else "")
    return None


def substituted(expr: ast.expr, passed: dict[str, ast.expr]) -> ast.expr:
    """``expr`` with the names of ``passed`` replaced by the expressions passed for them."""

    class Substitute(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.expr:
            return passed.get(node.id, node) if isinstance(node.ctx, ast.Load) else node

    return Substitute().visit(copy.deepcopy(expr))  # type: ignore[no-any-return]


UNROLLED = 50
"""Items of a literal tuple or list a module-level ``for`` loop is read once per item for."""


def constant_str(expr: ast.expr, scope: dict[str, Binding]) -> str | None:
    """A string literal, or a name bound to one (a loop variable over literal strings)."""
    if isinstance(expr, ast.Name) and isinstance(found := scope.get(expr.id), Value):
        expr = found.expr if found.expr is not None else expr
    return expr.value if isinstance(expr, ast.Constant) and isinstance(expr.value, str) else None


def this_module(expr: ast.expr, scope: dict[str, Binding]) -> bool:
    """``sys.modules[__name__]``, or a name bound to it."""
    if isinstance(expr, ast.Name) and isinstance(found := scope.get(expr.id), Value):
        expr = found.expr if found.expr is not None else expr
    if not (isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Name)):
        return False
    head, _, rest = (dotted_name(expr.value) or "").partition(".")
    sys = scope.get(head)
    return (
        expr.slice.id == "__name__"
        and rest == "modules"
        and isinstance(sys, ModuleRef)
        and sys.name == "sys"
    )


def sets_globals(called: Binding | None, info: ModuleInfo) -> bool:
    """The module's own function (not a method) with a ``global`` statement."""
    return (
        isinstance(called, Routine)
        and isinstance(called.node, ast.FunctionDef)
        and not called.in_class
        and called.module.path == info.path
        and any(isinstance(node, ast.Global) for node in own_nodes(called.node))
    )


def is_globals(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id == "globals" and not call.args


def call_keywords(call: ast.Call) -> dict[str, ast.expr]:
    """The call's keyword arguments, also those splatted from a literal (``**{"wrapper": True}``,
    ``**dict(tryfirst=True)``); any other splat under a :data:`SPLAT` key, unread."""
    found: dict[str, ast.expr] = {}
    for k in call.keywords:
        if k.arg:
            found[k.arg] = k.value
        elif isinstance(k.value, ast.Dict):
            for key, value in zip(k.value.keys, k.value.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found[key.value] = value
        elif isinstance(k.value, ast.Call) and dotted_name(k.value.func) == "dict":
            found.update(call_keywords(k.value))
        else:  # ``**opts``: read by the caller, which can resolve names (SPLAT)
            found[f"{SPLAT}{len(found)}"] = k.value
    return found


SPLAT = "**"
"""Key prefix of :func:`call_keywords` for a splat it cannot read alone (``**opts``)."""


def hand_marked(stmt: ast.Assign, names: dict[str, Binding], project: str) -> tuple[str, Binding]:
    """``f.<project>_impl = {...}``: pluggy reads that attribute (a dict) as the marker's
    options, as if ``@hookimpl(...)`` had set it; ``("", UNKNOWN)`` for anything else."""
    target, value = stmt.targets[0], stmt.value
    if not (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.attr == f"{project}_impl"
        and isinstance(value, ast.Dict)
        and isinstance(names.get(target.value.id), Routine)
    ):
        return "", UNKNOWN
    keys = [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if len(keys) != len(value.keys):
        return "", UNKNOWN  # a ** inside the dict: options not known
    options = dict(zip(keys, value.values, strict=True))
    return target.value.id, marked_with(names[target.value.id], Mark(options))


def marked_with(routine: Binding, mark: Mark | None) -> Binding:
    """A marker sets its attribute on the function object (another project's is irrelevant);
    on a C wrapper, where ``getattr`` finds it as on the function it wraps."""
    if isinstance(routine, NotFunction) and routine.inner is not None and mark is not None:
        return replace(routine, inner=replace(routine.inner, mark=mark))
    if mark is not None and isinstance(routine, Skipped | ClassValue):
        return replace(routine, mark=mark)
    if mark is not None and isinstance(routine, Instance):
        cls = routine.cls.node
        # a descriptor (``__get__``, perhaps from a base) is a routine to pluggy <= 1.6
        descriptor = bool(cls.bases) or any(
            isinstance(s, ast.FunctionDef) and s.name == "__get__" for s in cls.body
        )
        return Skipped(f"an instance of the class {cls.name}", mark, routine_to_old=descriptor)
    if not isinstance(routine, Routine) or mark is None:
        return routine
    wrapped = routine.kind in ("staticmethod", "classmethod") or (
        routine.wrapped_by == DISPATCH_METHOD
    )
    return replace(routine, mark=mark, mark_on_wrapper=wrapped)


def accessed(found: Binding | None, *, bound: bool) -> Binding | None:
    """What ``Class.name`` or ``instance.name`` gives for a routine of the class: a bound method
    (a plain function through an instance, a classmethod), the function itself otherwise; a
    mark set on a staticmethod/classmethod wrapper does not come along."""
    if not isinstance(found, Routine):
        return found
    if found.mark_on_wrapper:
        found = replace(found, mark=None, mark_on_wrapper=False)
    if bound and found.kind == "function":
        found = replace(found, bound=True)
    return found


NONE = Value(ast.Constant(None))
"""A name bound to ``None`` (a decorator of the plugin's own that returns nothing)."""


def is_none(found: Binding | None) -> bool:
    return (
        isinstance(found, Value)
        and isinstance(found.expr, ast.Constant)
        and (found.expr.value is None)
    )


def marker_decorator(marker: ast.expr, info: ModuleInfo) -> Routine:
    """What a ``HookimplMarker`` applied to ``None`` returns (``@hookimpl`` over a decorator
    that returned nothing): called without a function, the marker hands back its own unmarked
    decorator function, ``setattr_hookimpl_opts(func)``, at the marker's line."""
    fn = ast.parse("def setattr_hookimpl_opts(func):\n    return func").body[0]
    assert isinstance(fn, ast.FunctionDef)
    for node in ast.walk(fn):
        if isinstance(node, ast.stmt | ast.expr | ast.arg):
            ast.copy_location(node, marker)
    return Routine(fn, info)


def decorated_by(decorator: Routine, routine: Routine) -> Binding:
    """A decorator of the plugin's own: returning its argument, or an inner function."""
    fn = decorator.node
    assert isinstance(fn, ast.FunctionDef)
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    results = [node.value for node in own_nodes(fn) if isinstance(node, ast.Return)]
    returns = [r for r in results if r is not None]
    if (
        params
        and not returns
        and not any(
            isinstance(n, ast.Yield | ast.YieldFrom | ast.Raise | ast.Await) for n in own_nodes(fn)
        )
    ):
        return NONE  # it returns nothing: the name holds None
    if not params or not returns or len(returns) != len(results):
        return replace(routine, opaque=True)
    param = params[0]
    if all(isinstance(r, ast.Name) and r.id == param for r in returns):
        return routine
    inner = {s.name: s for s in fn.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    names = {r.id for r in returns if isinstance(r, ast.Name)}
    if len(returns) != 1 or len(names) != 1 or next(iter(names)) not in inner:
        return replace(routine, opaque=True)
    wrapper = inner[next(iter(names))]
    wraps = any(
        isinstance(d, ast.Call)
        and (dotted_name(d.func) or "").rsplit(".", 1)[-1] == "wraps"
        and d.args
        and isinstance(d.args[0], ast.Name)
        and d.args[0].id == param
        for d in wrapper.decorator_list
    )
    # what pluggy calls, when nothing but functools.wraps decorates it
    calls = (
        None
        if len(wrapper.decorator_list) > int(wraps)
        else Routine(wrapper, decorator.module, drives=_drives(wrapper, param))
    )
    if wraps:
        # functools.wraps copies __dict__ (the marker's options) and sets __wrapped__.
        return replace(
            routine,
            wrapped_by=fn.name,
            wrapper_generator=is_generator(wrapper),
            calls=calls,
        )
    if _sets_wrapped(fn, wrapper.name, param):
        # ``inner.__wrapped__ = fn`` by hand: pluggy reads the parameters through __wrapped__
        # (inspect.unwrap) as with wraps, but nothing copies the marker's options over.
        return replace(
            routine,
            wrapped_by=fn.name,
            wrapper_generator=is_generator(wrapper),
            mark=None,
            calls=calls,
        )
    forwarded = routine if _forwards(wrapper, param) else None
    return Routine(wrapper, decorator.module, in_class=False, forwards_to=forwarded)


def _sets_wrapped(decorator: ast.FunctionDef, wrapper: str, param: str) -> bool:
    """The decorator's own body says ``wrapper.__wrapped__ = param``."""
    return any(
        isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Name)
        and stmt.value.id == param
        and any(
            isinstance(t, ast.Attribute)
            and t.attr == "__wrapped__"
            and isinstance(t.value, ast.Name)
            and t.value.id == wrapper
            for t in stmt.targets
        )
        for stmt in decorator.body
    )


def _drives(wrapper: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """A plain ``def`` wrapper in which every call of ``param`` is an argument of another call
    (``return asyncio.run(param(*args, **kwargs))``): what ``param`` returns never comes back
    as it is."""
    if not isinstance(wrapper, ast.FunctionDef):
        return False
    handed = {
        id(arg)
        for node in own_nodes(wrapper)
        if isinstance(node, ast.Call)
        for arg in (*node.args, *(k.value for k in node.keywords))
    }
    calls = [
        node
        for node in own_nodes(wrapper)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == param
    ]
    return bool(calls) and all(id(call) in handed for call in calls)


def _forwards(wrapper: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """``def inner(*args, **kwargs): ... param(*args, **kwargs)``: variadic parameters only,
    passed on to the decorated function."""
    a = wrapper.args
    if a.posonlyargs or a.args or a.kwonlyargs or not (a.vararg or a.kwarg):
        return False
    star = a.vararg.arg if a.vararg else None
    for node in own_nodes(wrapper):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == param:
            args_ok = all(
                isinstance(x, ast.Starred) and isinstance(x.value, ast.Name) and x.value.id == star
                for x in node.args
            )
            if args_ok and all(k.arg is None for k in node.keywords):
                return True
    return False


FUNCTION_TYPES = {"types.FunctionType", "types.LambdaType"}


def remade(call: ast.Call, source: Binding) -> Binding:
    """``types.FunctionType(f.__code__, globals(), name[, argdefs])``: a new function with
    ``f``'s parameters (its code), the defaults ``argdefs`` gives (none without it: defaults are
    no part of the code) and no marker (attributes are not either). ``f`` must be a plain
    module-level function or lambda of the plugin's source; anything else is unknown."""
    if not isinstance(source, Routine) or source.kind != "function" or source.in_class:
        return UNKNOWN
    if source.opaque or source.wrapped_by or source.forwards_to or source.bound:
        return UNKNOWN
    node = source.node
    if not isinstance(node, ast.Lambda) and node.decorator_list:
        return UNKNOWN
    keywords = {k.arg: k.value for k in call.keywords}
    if len(call.args) > 4 or None in keywords or set(keywords) - {"argdefs", "name", "globals"}:
        return UNKNOWN
    if any(isinstance(a, ast.Starred) for a in call.args):
        return UNKNOWN
    argdefs = call.args[3] if len(call.args) > 3 else keywords.get("argdefs")
    if argdefs is None or (isinstance(argdefs, ast.Constant) and argdefs.value is None):
        defaults: list[ast.expr] = []
    elif isinstance(argdefs, ast.Tuple) and not any(
        isinstance(e, ast.Starred) for e in argdefs.elts
    ):
        defaults = list(argdefs.elts)
    else:
        return UNKNOWN
    if len(defaults) > len([*node.args.posonlyargs, *node.args.args]):
        return UNKNOWN
    args = copy.copy(node.args)
    args.defaults = defaults
    args.kw_defaults = [None] * len(args.kwonlyargs)
    made = copy.copy(node)
    made.args = args
    return replace(source, node=made, mark=None)


def wrapped_as(
    decorator: ast.Call, routine: Routine, source: Binding | None, origin: str
) -> Binding:
    """``@functools.wraps(f)`` straight on ``routine``: pluggy calls ``routine`` but reads its
    parameters through ``__wrapped__``, ``f``'s (``inspect.signature`` follows it). Known only
    for a plain function ``f`` (no decorator, not in a class) and ``wraps`` with no keywords."""
    if (
        len(decorator.args) != 1
        or decorator.keywords
        or routine.opaque
        or routine.wrapped_by
        or routine.forwards_to
        or not isinstance(source, Routine)
        or source.kind != "function"
        or source.in_class
        or source.opaque
        or source.wrapped_by
        or source.forwards_to
        or source.bound
        or (not isinstance(source.node, ast.Lambda) and source.node.decorator_list)
        or isinstance(routine.node, ast.Lambda)
    ):
        return replace(routine, opaque=True)
    return replace(
        routine,
        node=source.node,
        module=source.module,
        wrapped_by=origin,
        wrapper_generator=is_generator(routine.node),
    )


PARTIALS = ("functools.partial", "functools.partialmethod")
ATTRIBUTE_COPIERS = frozenset({"functools.wraps", "functools.update_wrapper"})
"""What copies a function's attributes onto another object and hands back that object: a
partial stays a partial (``wraps(f)(partial(...))``, ``update_wrapper(partial(...), f)``)."""
CLASS_KEEPING = {
    "dataclasses.dataclass",
    "functools.total_ordering",
    "typing.final",
    "typing.runtime_checkable",
    "attr.s",
    "attr.define",
    "attrs.define",
    "attrs.frozen",
}
"""Class decorators that return the class they are given."""
NO_FUNCTION = ast.Lambda(ast.arguments([], [], None, [], [], None, []), ast.Constant(None))
"""A stand-in function to read what a class's decorators would do to one."""


def placed(binding: Binding, info: ModuleInfo, node: ast.stmt | ast.expr) -> Binding:
    """A marked :class:`Skipped` with where the marker was applied to it."""
    if isinstance(binding, Skipped) and binding.mark is not None and binding.where is None:
        return replace(binding, where=(info.path, node.lineno, node.col_offset + 1))
    return binding


def literal_items(table: ast.Dict, scope: dict[str, Binding]) -> list[tuple[str, ast.expr]]:
    """The string-keyed items of a literal dict (``{"dh_x": hookimpl(f)}``)."""
    found = []
    for key, value in zip(table.keys, table.values, strict=True):
        name = constant_str(key, scope) if key is not None else None
        if name is not None:
            found.append((name, value))
    return found


def made_namespace(
    call: ast.Call,
    scope: dict[str, Binding],
    value: Callable[[ModuleInfo, ast.expr, dict[str, Binding]], Binding],
    info: ModuleInfo,
) -> Value | None:
    """``types.SimpleNamespace(render=_render)``: an object whose attributes are its keywords'
    values."""
    if call.args or imported_as(dotted_name(call.func) or "", scope) != "types.SimpleNamespace":
        return None
    return Value(call, tuple((k.arg, value(info, k.value, scope)) for k in call.keywords if k.arg))
