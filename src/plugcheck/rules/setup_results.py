"""What an entry function's ``return`` values certainly are, read from source, against what the
host accepts back (the setup-function contract's ``returns``): a value where the host wants None,
something other than a dict (or a dict without a required key) where it wants a mapping, a class
itself where it wants an instance, something no host can iterate."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin, TypeRef
from plugcheck.rules.abstract_left import host_class, plain_host
from plugcheck.rules.base import Context
from plugcheck.rules.reached import Reader
from plugcheck.static.bindings import Routine
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import is_generator, node_at, own_nodes
from plugcheck.static.syntax import LITERALS

Function = ast.FunctionDef | ast.AsyncFunctionDef

_NUMBERS = ("len", "int", "float", "bool", "sum", "abs", "round", "hash", "id", "ord")
"""Builtins that certainly return a number or a bool: nothing the host can iterate."""

_NOT_NONE = (*LITERALS, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)
"""Expressions that never evaluate to None."""


def live_def(reader: Reader, found: Resolved, node: ast.AST | None) -> ast.AST | None:
    """The ``def`` the name is bound to after the module's import on the target, when source
    tells it: of two defs in the arms of an ``if sys.version_info ...``, the live one."""
    bound = reader.scope(found.module).get(found.symbol.name)
    if isinstance(bound, Routine) and isinstance(
        bound.node, ast.FunctionDef | ast.AsyncFunctionDef
    ):
        return None if bound.in_class else bound.node
    return node


def own_locals(function: Function) -> set[str]:
    """The names ``function`` binds itself: its parameters and what its body assigns."""
    params = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    stored = (n for n in own_nodes(function) if isinstance(n, ast.Name))
    return params | {n.id for n in stored if isinstance(n.ctx, ast.Store)}


def not_iterable(module: ModuleInfo, value: ast.expr | None, local: set[str]) -> str | None:
    """What ``return <value>`` certainly gives that cannot be iterated (a number, a bool, None);
    ``None``: it may be iterable."""
    if value is None or (isinstance(value, ast.Constant) and value.value is None):
        return "returns None"
    if isinstance(value, ast.Constant) and isinstance(value.value, int | float | complex):
        return f"returns {type(value.value).__name__} ({ast.unparse(value)[:40]})"
    if isinstance(value, ast.Compare) or (
        isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)
    ):
        return f"returns a bool ({ast.unparse(value)[:40]})"
    if _builtin_call(module, value, local, _NUMBERS):
        return f"returns a number ({ast.unparse(value)[:40]})"
    return None


def _builtin_call(
    module: ModuleInfo, value: ast.expr, local: set[str], names: tuple[str, ...]
) -> bool:
    """``value`` calls one of the builtins ``names``, which neither the function nor its module
    rebinds."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in names
        and value.func.id not in local
        and value.func.id not in module.symbols
    )


def ends_every_path(function: Function) -> bool:
    """The body's last statement is a ``return`` or a ``raise``: no call falls off its end (an
    implicit ``return None``)."""
    return isinstance(function.body[-1], ast.Return | ast.Raise)


def not_none(function: Function, values: list[ast.expr | None]) -> str | None:
    """(``returns = "none"``) What every ``return`` certainly gives that is not None -- a
    literal, a display, a lambda -- when no path returns None; ``None``: a path may."""
    if not values or not ends_every_path(function):
        return None
    if all(isinstance(v, _NOT_NONE) and not _none(v) for v in values):
        first = values[0]
        assert first is not None  # every value is one of _NOT_NONE
        return f"returns {_kind(first)} ({ast.unparse(first)[:40]})"
    return None


def not_a_mapping(
    module: ModuleInfo,
    function: Function,
    values: list[ast.expr | None],
    returns: str,
    required: tuple[str, ...],
) -> str | None:
    """(``returns = "mapping"`` / ``"mapping-or-none"``) What every ``return`` certainly gives
    that the host refuses: a literal that is not a dict, or a dict whose keys source tells
    that lacks a required key; ``None``: some path may give what it accepts."""
    falls_off = not ends_every_path(function)
    if not values or (falls_off and returns == "mapping-or-none"):
        return None
    local = own_locals(function)
    said = []
    for value in values:
        if value is None or _none(value):
            if returns == "mapping-or-none":
                return None
            said.append("returns None")
            continue
        keys = _dict_keys(module, value, local)
        if keys is not None:
            missing = [k for k in required if k not in keys]
            if not missing:
                return None
            said.append(f"returns a dict without the required key(s) {missing}")
        elif isinstance(value, LITERALS) and not isinstance(value, ast.Dict | ast.DictComp):
            said.append(f"returns {_kind(value)} ({ast.unparse(value)[:40]})")
        else:
            return None
    return said[0] if said else None


def class_for_instance(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    value: ast.expr,
    local: set[str],
    return_type: str | None,
) -> str | None:
    """(``returns = "instance"``) ``return Worker``: the class itself, of the plugin's own, where
    the host wants an instance of a plain host class (one that is no metaclass, so no class
    object is an instance of it); ``None``: it may fit."""
    if not isinstance(value, ast.Name) or value.id in local or not return_type:
        return None
    host_module, _, host_name = return_type.partition(":")
    host = host_class(ctx, TypeRef(host_module, host_name))
    host_node = node_at(host.module, host.symbol.line) if host is not None else None
    if host_node is None or not plain_host(host_node):
        return None
    found = ctx.index.resolve(module, value.id, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    if found.module.path not in plugin.files:
        return None
    return f"returns the class {value.id} itself, not an instance of it"


_PLAIN_RESULTS = {"None", "str", "int", "float", "bool", "bytes"}
"""Return annotations that no generator or coroutine object fits."""


def never_runs(host: Resolved | None, method: str, fn: Function) -> str | None:
    """``fn`` (the plugin's ``method``, which the host calls and whose result the contract leaves
    open) is a generator function, or an ``async def``, while the host's class declares a plain
    ``def method(...) -> None`` (or ``-> str``, ...): the host's call gets an object that runs
    none of the body. ``None`` when the host's class does not say so."""
    node = node_at(host.module, host.symbol.line) if host is not None else None
    if host is None or not isinstance(node, ast.ClassDef):
        return None
    declared = [s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == method]
    result = declared[-1].returns if declared else None
    if isinstance(result, ast.Constant) and isinstance(result.value, str):
        result = ast.Name(result.value)  # a string annotation: `-> "None"`
    plain = (isinstance(result, ast.Constant) and result.value is None) or (
        isinstance(result, ast.Name) and result.id in _PLAIN_RESULTS
    )
    if not plain or result is None:
        return None
    said = f"{host.symbol.name}.{method}() declares -> {ast.unparse(result)}"
    if is_generator(fn):
        return (
            f"contains `yield`, but {said}: each call the host makes returns a generator "
            "object, and none of its body runs"
        )
    if isinstance(fn, ast.AsyncFunctionDef):
        return (
            f"is async, but {said}: each call the host makes returns a coroutine that nobody "
            "awaits, and none of its body runs"
        )
    return None


def _dict_keys(module: ModuleInfo, value: ast.expr, local: set[str]) -> set[str] | None:
    """The keys of the dict ``value`` certainly builds: a display of constant keys, or
    ``dict(key=...)``; ``None`` when source does not tell them (``**other``, a comprehension)."""
    if isinstance(value, ast.Dict):
        keys = set()
        for key in value.keys:
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
                return None  # `**other`, or a key computed at run time
            keys.add(key.value)
        return keys
    if _builtin_call(module, value, local, ("dict",)):
        assert isinstance(value, ast.Call)
        if value.args or any(k.arg is None for k in value.keywords):
            return None
        return {str(k.arg) for k in value.keywords}
    return None


def _none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def _kind(value: ast.expr) -> str:
    if isinstance(value, ast.Constant):
        return type(value.value).__name__
    kinds = {ast.List: "a list", ast.Tuple: "a tuple", ast.Set: "a set", ast.JoinedStr: "a str"}
    kinds.update({ast.Lambda: "a lambda", ast.GeneratorExp: "a generator"})
    return kinds.get(type(value), "a literal")
