"""PC564, and the value a stand-in makes: when the contract's stand-in for a hook argument is a
literal (``{ value = ... }``), a builtin type built with no arguments (``builtins:dict``), or a
function of the host's API whose every ``return`` is the same literal (``def context(): return
{}``), the value the harness passes is known exactly, not only its type (``passed_values``).

Two things follow from that value, both only on what the hookimpl does before anything else can
touch the argument: a key every call reads that the value lacks (``context["user"]`` on ``{}``:
KeyError on every call, PC564), and the branch a wrapper's opening ``if`` takes (``if not
context: return`` before the ``yield`` on ``{}``: the wrapper never yields, PC511).

Elsewhere a stand-in is a sample of what the host passes (a user's own options) unless the
contract names it in ``complete-stand-ins``: then its value is all the host passes, and what a
plugin does with its keys is judged too (``super().__init__(**options)``, ``super_init``).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Mapping
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Plugin, Severity
from plugcheck.rules.base import Context, rule
from plugcheck.rules.config_keys import lacking_key
from plugcheck.rules.passed_values import stand_in_returns

PC564 = rule(
    "PC564",
    "passed-value-lacks-key",
    Severity.ERROR,
    "A hookimpl (under complete-stand-ins also an entry function, or the __init__ of the class "
    "the host builds) reads, before anything can branch, a key of an argument whose stand-in "
    "the contract gives as a known dict (a literal, or a function returning one) that lacks "
    "it: every call the harness makes with it raises KeyError.",
    explains=("PC541",),  # a method lifecycle.calls names, reading the base's copy of it
)


def _validate_complete(value: Any) -> str | None:
    if value is True or (
        isinstance(value, list)
        and value
        and all(isinstance(v, str) and _config._TYPEREF.match(v) for v in value)
    ):
        return None
    return f'must be true (every stand-in) or a list of "module:callable" stand-ins, got {value!r}'


FIELDS = {
    "complete-stand-ins": _config.Field(
        _validate_complete,
        {"anyOf": [{"const": True}, {"type": "array", "items": _config.TYPEREF, "minItems": 1}]},
        "Stand-ins that make exactly what the host passes, not a sample of it (true: every "
        "stand-in of the contract): a key a plugin needs that such a value lacks, or passes on "
        "where it cannot go (super().__init__(**options)), is an error.",
    ),
}
"""The contract key that makes stand-in values the host's word (any Python kind)."""

_BUILT = {t.__name__: t for t in (dict, list, set, tuple, str, bytes, int, float)}


def stand_in_value(ctx: Context, plugin: Plugin, ref: str) -> tuple[Any] | None:
    """``(value,)`` when the stand-in ``ref`` always makes that same value, else None."""
    if ref.startswith(":"):
        try:
            value = json.loads(ref[1:])
        except ValueError:
            return None
        return None if isinstance(value, dict) and "$entry-point" in value else (value,)
    module, _, name = ref.partition(":")
    if module == "builtins":
        made = _BUILT.get(name)
        return (made(),) if made is not None else None
    values: list[Any] = []
    for ret in stand_in_returns(ctx, plugin, ref) or []:
        if ret.value is None:
            values.append(None)
            continue
        try:
            values.append(ast.literal_eval(ret.value))
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    if not values or any(type(v) is not type(values[0]) or v != values[0] for v in values):
        return None
    return (values[0],)


def complete_value(ctx: Context, plugin: Plugin, ref: str) -> tuple[Any] | None:
    """:func:`stand_in_value` of ``ref`` when the contract declares it complete
    (``complete-stand-ins``): the value is then all the host passes, not a sample of it."""
    declared = ctx.contract.options.get("complete-stand-ins")
    if declared is not True and (not isinstance(declared, list) or ref not in declared):
        return None
    return stand_in_value(ctx, plugin, ref)


def only_subscripted(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Every use of ``name`` in ``fn`` (its parameter) is a read ``name[...]``: nothing stores
    into it, calls its methods or hands it to other code that could add the key first."""
    parents = {id(c): p for p in ast.walk(fn) for c in ast.iter_child_nodes(p)}
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and node.id == name:
            parent = parents.get(id(node))
            if not (
                isinstance(parent, ast.Subscript)
                and parent.value is node
                and isinstance(parent.ctx, ast.Load)
            ):
                return False
    return True


def missing_key(
    fn: ast.FunctionDef, name: str, value: Any, values: bool = False
) -> tuple[ast.Subscript, str] | None:
    """The first ``name["key"]`` every call of ``fn`` reads that the dict ``value`` lacks
    (``values``: or a dict literal lacks as a key, :func:`lacking_key`)."""
    if not isinstance(value, Mapping) or not only_subscripted(fn, name):
        return None
    return lacking_key(fn, name, value, values)


def opening_test(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, known: Mapping[str, Any]
) -> Callable[[ast.expr], bool | None]:
    """What the test of ``fn``'s first statement (after a docstring), an ``if``, evaluates to
    when it reads only parameters whose value is ``known`` (``not context``, ``context is
    None``, ``context == {}``); None for any other test. Nothing runs before that ``if``, so
    the argument is still what the host passed."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    first = body[0].test if body and isinstance(body[0], ast.If) else None

    def decide(test: ast.expr) -> bool | None:
        if test is not first:
            return None
        found = _evaluate(test, known)
        return bool(found[0]) if found is not None else None

    return decide


def _evaluate(node: ast.expr, known: Mapping[str, Any]) -> tuple[Any] | None:
    match node:
        case ast.Name(id=name) if name in known:
            return (known[name],)
        case ast.Constant(value=value):
            return (value,)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = _evaluate(operand, known)
            return (not inner[0],) if inner is not None else None
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            a, b = _evaluate(left, known), _evaluate(right, known)
            if a is None or b is None:
                return None
            if isinstance(op, ast.Is | ast.IsNot) and not (a[0] is None or b[0] is None):
                return None  # identity of anything but None is not the source's to say
            tests: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
                ast.Is: lambda x, y: x is y,
                ast.IsNot: lambda x, y: x is not y,
                ast.Eq: lambda x, y: bool(x == y),
                ast.NotEq: lambda x, y: bool(x != y),
            }
            how = tests.get(type(op))
            return (how(a[0], b[0]),) if how is not None else None
        case ast.Dict(keys=[], values=[]) | ast.List(elts=[]) | ast.Tuple(elts=[]):
            return (ast.literal_eval(node),)
    return None
