"""What the branch decider reads of the installed host's source (``static.host_probe``):
``hasattr(host, "x")``, and values computed from ``getattr(host, "x", default)`` or ``host.x``;
and the bound on what one decision reads (``Work``)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from plugcheck.static.bindings import Binding, ModuleRef, Value


@dataclass(frozen=True, slots=True)
class HostAttribute:
    """What an installed module's source says of one of its attributes."""

    present: bool
    value: tuple[object] | None = None
    """``(value,)`` when the module binds it once, to a literal."""


Probe = Callable[[str, str], HostAttribute | None]
"""(module, attribute) -> what its source says, ``None`` when it does not say plainly."""


WORK = 400
"""The most expressions one ``decide`` reads (the tests of 90,000 installed modules read 61 at
most). Module constants name each other (``A = B or B or B``), and each level multiplied the
reads: five levels of 24 held plugcheck's own process, which has no deadline, for minutes on
one ``if`` (red team red60)."""


@dataclass(slots=True)
class Work:
    """What one ``decide`` (or one module constant's value) may still read."""

    left: int = WORK

    def spent(self, depth: int) -> bool:
        """Count one expression read at ``depth``; ``True`` once past a bound."""
        self.left -= 1
        return self.left < 0 or depth > 10


def probed_test(expr: ast.expr, scope: dict[str, Binding], probe: Probe, work: Work) -> bool | None:
    """``hasattr(host, "x")``, and the truth of ``getattr(host, "x", default)``/``host.x``."""
    match expr:
        case ast.Call(
            func=ast.Name(id="hasattr"),
            args=[ast.Name() as module, ast.Constant(value=str(attr))],
            keywords=[],
        ) if "hasattr" not in scope:
            found = _host_attribute(module, attr, scope, probe)
            return None if found is None else found.present
        case ast.Call(func=ast.Name(id="getattr")) | ast.Attribute(value=ast.Name()):
            value = probed_value(expr, scope, probe, 0, work)
            return None if value is None else bool(value[0])
    return None


def _host_attribute(
    module: ast.Name, attr: str, scope: dict[str, Binding], probe: Probe
) -> HostAttribute | None:
    found = scope.get(module.id)
    if not isinstance(found, ModuleRef) or found.module_name() is None:
        return None
    return probe(found.name, attr)


_PURE_CALLS: dict[str, Callable[[Any], Any]] = {"int": int, "str": str, "tuple": tuple, "len": len}
"""Builtins a version test applies to a host's attribute (``tuple(map(int, v.split(".")))``)."""


def probed_value(
    expr: ast.expr, scope: dict[str, Binding], probe: Probe, depth: int, work: Work
) -> tuple[Any] | None:
    """``(value,)`` of an expression over a host module's attribute: ``getattr(host, "x",
    default)`` or ``host.x`` (the default where the source surely lacks ``x``), literals, and
    ``.split``, indexing, ``int``/``str``/``tuple``/``len``, ``map`` and a generator of them on
    those; ``None`` for anything else or an expression that would raise."""
    if work.spent(depth):
        return None

    def inner(part: ast.expr) -> tuple[Any] | None:
        return probed_value(part, scope, probe, depth + 1, work)

    try:
        match expr:
            case ast.Constant() | ast.Tuple() | ast.List():
                return (ast.literal_eval(expr),)
            case ast.Name(id=name) if isinstance(bound := scope.get(name), Value) and bound.expr:
                # `V = tuple(...host.__version__...)`, then `V >= ...`
                return _probed_constant(bound.expr, scope, probe, depth, work)
            case ast.Call(
                func=ast.Name(id="getattr"),
                args=[ast.Name() as module, ast.Constant(value=str(attr)), default],
                keywords=[],
            ) if "getattr" not in scope:
                found = _host_attribute(module, attr, scope, probe)
                if found is None or found.present:
                    return None if found is None else found.value
                return inner(default)
            case ast.Attribute(value=ast.Name() as module, attr=attr):
                found = _host_attribute(module, attr, scope, probe)
                return found.value if found is not None and found.present else None
            case ast.Call(func=ast.Attribute(value=base, attr="split"), args=args, keywords=[]):
                text, parts = inner(base), [inner(a) for a in args]
                if text is None or not isinstance(text[0], str) or None in parts:
                    return None
                return (text[0].split(*(p[0] for p in parts if p is not None)),)
            case ast.Subscript(value=base, slice=index):
                whole = inner(base)
                if whole is None or not isinstance(whole[0], str | tuple | list):
                    return None
                if isinstance(index, ast.Slice) and index.step is None:
                    bounds = [inner(b) if b else (None,) for b in (index.lower, index.upper)]
                    if bounds[0] is None or bounds[1] is None:
                        return None
                    return (whole[0][bounds[0][0] : bounds[1][0]],)
                at = None if isinstance(index, ast.Slice) else inner(index)
                return None if at is None else (whole[0][at[0]],)
            case ast.Call(func=ast.Name(id=name), args=[arg], keywords=[]) if (
                name in _PURE_CALLS and name not in scope
            ):
                if isinstance(arg, ast.GeneratorExp):
                    items = _generated(arg, scope, probe, depth, work)
                    return None if items is None else (_PURE_CALLS[name](items),)
                value = inner(arg)
                return None if value is None else (_PURE_CALLS[name](value[0]),)
            case ast.Call(
                func=ast.Name(id=name), args=[ast.Name(id=name_applied), items], keywords=[]
            ) if (
                name == "map"
                and name_applied in _PURE_CALLS
                and not {name, name_applied} & scope.keys()
            ):
                each = inner(items)
                if each is None or not isinstance(each[0], str | tuple | list):
                    return None
                return ([_PURE_CALLS[name_applied](item) for item in each[0]],)
    except (ValueError, TypeError, IndexError, SyntaxError):
        return None
    return None


_PROBED: WeakKeyDictionary[object, WeakKeyDictionary[ast.expr, tuple[tuple[Any] | None]]] = (
    WeakKeyDictionary()
)
"""``probed_value`` of each module constant's value, by the probe's owner (as
``branches._CONSTANTS``)."""


def _probed_constant(
    expr: ast.expr, scope: dict[str, Binding], probe: Probe, depth: int, work: Work
) -> tuple[Any] | None:
    """``probed_value`` of a module constant's value, read once per probe with ``WORK`` of its
    own (as ``branches._constant``)."""
    owner = getattr(probe, "__self__", probe)
    try:
        known = _PROBED.setdefault(owner, WeakKeyDictionary())
    except TypeError:  # an owner no weak reference can be kept to: read each time
        return probed_value(expr, scope, probe, depth + 1, work)
    if expr not in known:
        known[expr] = (None,)  # a constant that names itself, through others: no value
        known[expr] = (probed_value(expr, scope, probe, depth + 1, Work()),)
    return known[expr][0]


def _generated(
    expr: ast.GeneratorExp, scope: dict[str, Binding], probe: Probe, depth: int, work: Work
) -> list[object] | None:
    """The items of ``(int(p) for p in <value>)``: one loop over a known value, no ``if``."""
    match expr:
        case ast.GeneratorExp(
            elt=ast.Call(func=ast.Name(id=name), args=[ast.Name(id=item)], keywords=[]),
            generators=[ast.comprehension(target=ast.Name(id=var), iter=source, ifs=[])],
        ) if item == var and name in _PURE_CALLS and name not in scope:
            each = probed_value(source, scope, probe, depth + 1, work)
            if each is None or not isinstance(each[0], str | tuple | list):
                return None
            return [_PURE_CALLS[name](value) for value in each[0]]
    return None
