"""``if`` tests the target interpreter decides: ``TYPE_CHECKING``, ``__debug__``,
``sys.version_info``, ``sys.hexversion``, ``sys.platform``, ``os.name``, ``sys.maxsize`` (the
word size), ``sys.implementation.name`` and ``platform.system()`` comparisons,
``six.PY2``/``six.PY3``, reads of an environment variable the host does not pass to plugins
(``os.environ.get("X")``, ``os.getenv("X", "1")``, ``"X" in os.environ``: unset there), module
constants naming them (``PY2 = sys.version_info[0] == 2``), and their ``not``/``and``/``or``;
``match`` arms on them; with a ``probe``, ``hasattr(host, "x")`` and values computed from
``getattr(host, "x", default)`` of a host module read from source (``static.host_probe``). The one
decider of every pass that skips dead branches (the pluggy namespaces, PC309/PC214's imports,
the factory's definitions)."""

from __future__ import annotations

import ast
import operator
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from plugcheck.static.bindings import Binding, Foreign, ModuleRef, Target, Value
from plugcheck.static.parse import dotted_name, is_type_checking
from plugcheck.static.probed_values import (
    Probe,
    Work,
    probed_test,
    probed_value,
)

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}


class _Plain:
    """The owner of what ``decide`` decided without a probe."""


_PLAIN = _Plain()
_CONSTANTS: WeakKeyDictionary[object, WeakKeyDictionary[ast.expr, dict[Target, bool | None]]] = (
    WeakKeyDictionary()
)
"""What each module constant's value decides, by the probe's owner and the target: each ``if
A:`` read ``A``'s whole definition again, so 5,000 of them under one costly constant took the
static pass 73 s of CPU within ``WORK``, against 2.6 s for as many ``if`` tests of a flag."""


def _constant(
    expr: ast.expr,
    scope: dict[str, Binding],
    target: Target,
    depth: int,
    probe: Probe | None,
    work: Work,
) -> bool | None:
    """``decide`` of a module constant's value, read once per probe and target with ``WORK``
    of its own: what it decides is its own, whoever asks (past ``depth`` 10 it decides nothing,
    as before)."""
    owner = _PLAIN if probe is None else getattr(probe, "__self__", probe)
    try:
        known = _CONSTANTS.setdefault(owner, WeakKeyDictionary()).setdefault(expr, {})
    except TypeError:  # an owner no weak reference can be kept to: decided each time
        return decide(expr, scope, target, depth + 1, probe, work)
    if target not in known:
        known[target] = None  # a constant that names itself, through others, decides nothing
        known[target] = decide(expr, scope, target, depth + 1, probe, Work())
    return known[target]


def decide(
    test: ast.expr,
    scope: dict[str, Binding],
    target: Target,
    depth: int = 0,
    probe: Probe | None = None,
    work: Work | None = None,
) -> bool | None:
    """The value of an ``if`` test when the target decides it (or, with ``probe``, the
    installed host modules' source), else ``None`` (also past ``WORK`` reads)."""
    work = Work() if work is None else work
    if work.spent(depth):
        return None
    decided = _decide(test, scope, target, depth, probe, work)
    if decided is None and probe is not None:
        return probed_test(test, scope, probe, work)
    return decided


def _decide(
    test: ast.expr,
    scope: dict[str, Binding],
    target: Target,
    depth: int,
    probe: Probe | None,
    work: Work,
) -> bool | None:
    match test:
        case ast.Constant(value=constant):
            return bool(constant)
        case ast.Name() | ast.Attribute():
            name = dotted_name(test) or ""
            found = scope.get(name)
            if name.rsplit(".", 1)[-1] == "TYPE_CHECKING" or (
                isinstance(found, Foreign) and found.name == "TYPE_CHECKING"
            ):
                return False  # also `from typing import TYPE_CHECKING as TC`
            if name == "__debug__" and name not in scope:
                return True  # hosts run without -O
            six = _six_flag(name, found, scope)
            if six is not None and target.version is not None:
                return (target.version[0] == 2) == (six == "PY2")
            if isinstance(found, Value) and found.expr is not None:
                return _constant(found.expr, scope, target, depth, probe, work)
            return None
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = decide(operand, scope, target, depth + 1, probe, work)
            return None if inner is None else not inner
        case ast.BoolOp(op=op, values=values):
            results = [decide(v, scope, target, depth + 1, probe, work) for v in values]
            if isinstance(op, ast.And):
                return False if False in results else (None if None in results else True)
            return True if True in results else (None if None in results else False)
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            return _compare(left, op, right, scope, target, probe, work)
        case ast.Call() if (read := _environ_value(test, scope, target)) is not None:
            return bool(read[0])
        case ast.Call(func=ast.Attribute(value=base, attr="startswith"), args=[prefix]):
            platform = _target_value(base, scope, target)
            if isinstance(platform, str) and isinstance(prefix, ast.Constant | ast.Tuple):
                try:
                    return platform.startswith(ast.literal_eval(prefix))
                except (ValueError, TypeError):
                    return None
    return None


def match_arms(stmt: ast.Match, scope: dict[str, Binding], target: Target) -> list[list[ast.stmt]]:
    """The bodies of a ``match`` that may run: for a subject the target decides (``match
    sys.platform:``), the arms up to the first literal or wildcard pattern that certainly
    matches, less those that certainly do not; every arm otherwise."""
    subject = _target_value(stmt.subject, scope, target)
    if subject is None:
        return [case.body for case in stmt.cases]
    arms = []
    for case in stmt.cases:
        matched = _matches(case.pattern, subject)
        if matched is not False:
            arms.append(case.body)
        if matched and case.guard is None:
            break
    return arms


def _matches(pattern: ast.pattern, subject: object) -> bool | None:
    match pattern:
        case ast.MatchAs(pattern=None):
            return True  # `case _:` or a capture
        case ast.MatchValue(value=ast.Constant(value=value)):
            return bool(subject == value)
        case ast.MatchOr(patterns=patterns):
            results = [_matches(p, subject) for p in patterns]
            return True if True in results else (None if None in results else False)
    return None


def _compare(
    left: ast.expr,
    op: ast.cmpop,
    right: ast.expr,
    scope: dict[str, Binding],
    target: Target,
    probe: Probe | None,
    work: Work,
) -> bool | None:
    if isinstance(left, ast.Name) and left.id == "__name__":
        return False if isinstance(op, ast.Eq) else None  # the `__main__` guard
    if (
        isinstance(op, ast.In | ast.NotIn)
        and isinstance(left, ast.Constant)
        and isinstance(left.value, str)
        and _is_environ(dotted_name(right) or "", scope)
        and _unset(left.value, target)
    ):
        return isinstance(op, ast.NotIn)  # `"X" in os.environ`
    known_a = _operand(left, scope, target, probe, work)
    known_b = _operand(right, scope, target, probe, work)
    if known_a is None and known_b is None:
        return None
    try:
        a: Any = known_a[0] if known_a is not None else _literal(left)
        b: Any = known_b[0] if known_b is not None else _literal(right)
    except (ValueError, TypeError, SyntaxError):
        return None
    compare = _COMPARE.get(type(op))
    if compare is None or (isinstance(op, ast.Is | ast.IsNot) and None not in (a, b)):
        return None  # `is` decides only against None: a string's identity is CPython's
    try:
        return bool(compare(a, b))
    except TypeError:
        return None


def _operand(
    expr: ast.expr, scope: dict[str, Binding], target: Target, probe: Probe | None, work: Work
) -> tuple[object] | None:
    """``(value,)`` of a comparison's side the target decides (an unset variable's value is
    ``None`` or its default) or a host module's source does, else ``None``."""
    read = _environ_value(expr, scope, target)
    if read is not None:
        return read
    value = _target_value(expr, scope, target)
    if value is None and probe is not None:
        return probed_value(expr, scope, probe, 0, work)
    return None if value is None else (value,)


def _unset(variable: str, target: Target) -> bool:
    """``variable`` is certainly unset where the host runs the plugin: it passes it no such
    variable."""
    return target.passed is not None and variable not in target.passed


def _is_environ(name: str, scope: dict[str, Binding]) -> bool:
    """``name`` is ``os.environ`` (also ``from os import environ``, ``import os as o``)."""
    return _sys_attr(name, "environ", scope, "os")


def _environ_value(
    expr: ast.expr, scope: dict[str, Binding], target: Target
) -> tuple[str | None] | None:
    """``(value,)`` of ``os.environ.get("X"[, default])`` or ``os.getenv("X"[, default])``
    where the host runs the plugin, for a variable it does not pass: the default (``None``
    without one). ``None`` for any other expression, a variable it passes, a default that is
    not a string or ``None`` literal."""
    if not isinstance(expr, ast.Call) or expr.keywords or not 1 <= len(expr.args) <= 2:
        return None
    func = dotted_name(expr.func) or ""
    owner, _, attr = func.rpartition(".")
    getenv = _sys_attr(func, "getenv", scope, "os")
    if not (getenv or (attr == "get" and _is_environ(owner, scope))):
        return None
    key, default = expr.args[0], expr.args[1] if len(expr.args) == 2 else ast.Constant(None)
    if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
        return None
    if not _unset(key.value, target) or not isinstance(default, ast.Constant):
        return None
    value = default.value
    return (value,) if value is None or isinstance(value, str) else None


_ARITHMETIC: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Pow: operator.pow,
    ast.LShift: operator.lshift,
    ast.Mult: operator.mul,
    ast.Add: operator.add,
    ast.Sub: operator.sub,
}


def _literal(expr: ast.expr) -> Any:
    """``ast.literal_eval``, and small integer arithmetic (``2**32``, ``1 << 31``, ``2**63 - 1``:
    what ``sys.maxsize`` is compared with)."""
    if isinstance(expr, ast.BinOp) and type(expr.op) in _ARITHMETIC:
        left, right = _literal(expr.left), _literal(expr.right)
        if type(left) is int and type(right) is int and 0 <= right <= 128 and abs(left) < 2**64:
            return _ARITHMETIC[type(expr.op)](left, right)
        raise ValueError("not a small integer expression")
    return ast.literal_eval(expr)


def _target_value(expr: ast.expr, scope: dict[str, Binding], target: Target) -> object:
    """``sys.version_info`` (sliced, indexed, ``.major``), ``sys.platform``, ``os.name``,
    ``sys.maxsize`` or ``sys.implementation.name`` of the target."""
    version, platform = target.version, target.platform
    if isinstance(expr, ast.Call) and not expr.args and not expr.keywords:
        # platform.system(): what the target's kernel reports for its sys.platform
        called = dotted_name(expr.func) or ""
        if _sys_attr(called, "system", scope, "platform") and platform in _SYSTEMS:
            return _SYSTEMS[platform]
        return None
    info: object = None
    base, attr, index = expr, None, None
    if isinstance(base, ast.Attribute) and base.attr in ("major", "minor", "micro"):
        attr, base = base.attr, base.value
    elif isinstance(base, ast.Subscript):
        index, base = base.slice, base.value
    name = dotted_name(base) or ""
    if _sys_attr(name, "version_info", scope) and version is not None:
        info = (*version, "final", 0)
    elif _sys_attr(name, "hexversion", scope) and version is not None and expr is base:
        major, minor, micro = version  # a final release: level 0xF, serial 0
        return major << 24 | minor << 16 | micro << 8 | 0xF0
    elif _sys_attr(name, "platform", scope) and platform and attr is None and not index:
        return platform
    elif _sys_attr(name, "name", scope, "os") and target.os_name and attr is None and not index:
        return target.os_name
    elif _sys_attr(name, "maxsize", scope) and expr is base:
        return target.maxsize
    elif _sys_attr(name, "implementation.name", scope) and expr is base:
        return target.implementation
    if not isinstance(info, tuple):
        return None
    if attr is not None:
        return info[("major", "minor", "micro").index(attr)]
    if index is None:
        return info
    try:
        if isinstance(index, ast.Slice):
            lower = ast.literal_eval(index.lower) if index.lower else None
            upper = ast.literal_eval(index.upper) if index.upper else None
            return info[lower:upper]
        return info[ast.literal_eval(index)]
    except (ValueError, TypeError, IndexError, SyntaxError):
        return None


_SYSTEMS = {"linux": "Linux", "win32": "Windows", "darwin": "Darwin"}
"""``platform.system()`` per ``sys.platform``."""


def _sys_attr(name: str, attr: str, scope: dict[str, Binding], module: str = "sys") -> bool:
    head, _, rest = name.partition(".")
    found = scope.get(head)
    if rest == attr:
        return isinstance(found, ModuleRef) and found.name == module
    return not rest and isinstance(found, Foreign) and (found.module, found.name) == (module, attr)


def _six_flag(name: str, found: Binding | None, scope: dict[str, Binding]) -> str | None:
    """``"PY2"``/``"PY3"`` for six's flags (``six.PY2``, ``from six import PY3``)."""
    if isinstance(found, Foreign) and found.module == "six" and found.name in ("PY2", "PY3"):
        return found.name
    head, _, attr = name.partition(".")
    module = scope.get(head)
    if attr in ("PY2", "PY3") and isinstance(module, ModuleRef) and module.name == "six":
        return attr
    return None


PLAIN_IMPORTS: dict[str, Binding] = {"sys": ModuleRef("sys"), "os": ModuleRef("os")}
"""The scope of a reader that does not track bindings: ``sys`` and ``os`` are those modules."""

_DECIDERS = frozenset({"sys", "os", "platform", "six"})
"""The modules whose names a module-level test may read through ``module_scope``."""


Condition = tuple[ast.expr, bool]
"""An ``if`` test the target does not decide, and the branch taken (``True``: its body)."""


def top_level_functions(
    body: Sequence[ast.stmt],
    target: Target,
    under: tuple[Condition, ...] = (),
    scope: dict[str, Binding] | None = None,
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, tuple[Condition, ...]]]:
    """The functions a module's import may define at its top level, in source order, each with
    the undecided ``if`` tests it is defined under (outermost first): branches the target
    decides followed, ``if TYPE_CHECKING:`` bodies skipped, both branches of the others, every
    part of a ``try``. ``scope``: the module's (read from ``body``, the module's, when not
    given)."""
    if scope is None:
        scope = module_scope(body)
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield stmt, under
        elif isinstance(stmt, ast.If):
            if is_type_checking(stmt.test):
                yield from top_level_functions(stmt.orelse, target, under, scope)
                continue
            taken = decide(stmt.test, scope, target)
            if taken is None:
                yield from top_level_functions(
                    stmt.body, target, (*under, (stmt.test, True)), scope
                )
                yield from top_level_functions(
                    stmt.orelse, target, (*under, (stmt.test, False)), scope
                )
            else:
                yield from top_level_functions(
                    stmt.body if taken else stmt.orelse, target, under, scope
                )
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse):
                yield from top_level_functions(part, target, under, scope)


def module_scope(body: Sequence[ast.stmt]) -> dict[str, Binding]:
    """``_module_scope(body)``, made once per module body while its tree lives (six checks of
    a plugin ask for each module's; the walk of its top level was 3.6% of the static pass)."""
    if not body:
        return dict(PLAIN_IMPORTS)
    kept = _SCOPES.get(body[0])
    # A statement is in one list of its tree: the same first and last statement and length
    # are the same list (a slice of it is another body, and misses).
    if kept is None or kept[0] != len(body) or kept[1]() is not body[-1]:
        kept = _SCOPES[body[0]] = (len(body), weakref.ref(body[-1]), _module_scope(body))
    return dict(kept[2])


_SCOPES: WeakKeyDictionary[ast.stmt, tuple[int, weakref.ref[ast.stmt], dict[str, Binding]]] = (
    WeakKeyDictionary()
)
"""``module_scope`` by a body's first statement: its length, its last statement, the scope."""


def _module_scope(body: Sequence[ast.stmt]) -> dict[str, Binding]:
    """What ``decide`` reads of a module's top level, for a reader that does not track
    bindings: ``sys``, ``os``, ``platform`` and ``six`` under any name, names imported from
    them, and names bound once, to a test (``PY2 = sys.version_info[0] < 3``, ``PY3 = not
    PY2``: pyramid_mailer's ``if PY2: from StringIO import StringIO``). A name bound more than
    once anywhere at module level (in a branch, a ``try``) is not read."""
    scope = dict(PLAIN_IMPORTS)
    counts = Counter(bound_names(body))
    for stmt in body:
        match stmt:
            case ast.Import(names=names):
                for alias in names:
                    if alias.name in _DECIDERS and counts[alias.asname or alias.name] == 1:
                        scope[alias.asname or alias.name] = ModuleRef(alias.name)
            case ast.ImportFrom(module=str(module), level=0, names=names) if module in _DECIDERS:
                for alias in names:
                    if counts[alias.asname or alias.name] == 1:
                        scope[alias.asname or alias.name] = Foreign(module, alias.name)
            case ast.Assign(targets=[ast.Name(id=name)], value=value) if counts[name] == 1:
                if isinstance(value, _TESTS):
                    scope[name] = Value(value)
    return scope


_TESTS = (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Attribute, ast.Call)
"""The values a module constant ``decide`` may read has (a call only as ``decide`` reads one: an
environment read, ``platform.system()``)."""


def bound_names(body: Sequence[ast.stmt]) -> Iterator[str]:
    """Every name a module's top level binds, once per binding (in branches, loops, ``try``
    and ``with`` blocks too; not inside functions or classes, which bind their own)."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id
        elif isinstance(node, ast.alias):
            yield node.asname or node.name.partition(".")[0]
        elif not isinstance(node, ast.Lambda | ast.expr_context):
            stack.extend(ast.iter_child_nodes(node))


def merged(spans: Iterator[tuple[int, int]] | Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, the overlapping ones joined (one bisect then finds a line's span)."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out
