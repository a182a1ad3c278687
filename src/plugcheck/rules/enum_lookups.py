"""The plugin's own enumerations looked up, read from source: ``Kind("x")`` raises ValueError
when no member has the value, ``Kind["X"]`` KeyError when no member has the name, ``Kind()``
TypeError (the lookup needs a value), and what a lookup that succeeds gives is the member.

Only enumerations whose lookups are ``enum``'s own are judged: members bound to literals in the
class body (or listed in a functional ``Enum("Kind", [...])`` call), no ``_missing_`` or
``__new__``, no metaclass or class keyword, no decorator but ``unique``, no data type mixed in
but ``StrEnum``'s and ``IntEnum``'s with values of that type, no ``Flag``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.certain_evaluated import evaluated_parts
from plugcheck.rules.raising_calls import RaisingCall
from plugcheck.rules.reached import STEPS, Function, Reader, local_names
from plugcheck.rules.signatures.codes import PC203, PC210
from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import Binding, ClassValue, Instance, Value
from plugcheck.static.enum_members import is_enum, is_member
from plugcheck.static.parse import ModuleInfo, dotted_name

_PLAIN_BASES = {"enum.Enum": object, "enum.StrEnum": str, "enum.IntEnum": int}
"""The enumeration bases whose lookups are plain, and the type their members' values have."""

_LOOKUP_HOOKS = frozenset({"_missing_", "__new__", "_generate_next_value_"})
"""Class body names that change what a value lookup finds or how values are made."""


@dataclass(frozen=True, slots=True)
class LookupRaises:
    """A lookup of the plugin's own enumeration that certainly raises."""

    error: str
    """The exception, as Python words it (``ValueError: 'fast' is not a valid Kind``)."""
    why: str
    fix: str
    node: ast.expr
    module: ModuleInfo


@dataclass(frozen=True, slots=True)
class EnumMember:
    """A member of the plugin's own enumeration: an instance of ``cls``."""

    cls: ClassValue
    node: ast.expr
    module: ModuleInfo


def looked_up(
    reader: Reader, expr: ast.expr, info: ModuleInfo, scope: dict[str, Binding]
) -> LookupRaises | EnumMember | None:
    """What evaluating ``expr`` (read at module scope in ``info``) gives when it looks up a
    member of the plugin's own enumeration: ``Kind.A``, ``Kind["A"]``, ``Kind(value)``."""
    if isinstance(expr, ast.Name | ast.Attribute):
        dotted = dotted_name(expr)
        # `value` gives only routines and classes for an attribute path; `Kind.A` is a member
        found = reader.ns.lookup(scope, dotted) if dotted else None
        if (
            isinstance(found, Instance)
            and reader.mine(found.cls.module)
            and is_enum(reader.ns, found.cls, scope)
        ):
            return EnumMember(found.cls, expr, info)
        return None
    if isinstance(expr, ast.Subscript):
        table = _table(reader, expr.value, info, scope)
        key = literal(reader, expr.slice, info, scope)
        if table is None or key is UNKNOWN:
            return None
        name, members, cls = table
        if isinstance(key, str) and key in members:
            return EnumMember(cls, expr, info) if cls is not None else None
        return LookupRaises(
            f"KeyError: {key!r}",
            f"{name} has no member named {key!r} (members: {_listed(members)})",
            f"index {name} with a member's name",
            expr,
            info,
        )
    if not isinstance(expr, ast.Call) or expr.keywords:
        return None
    table = _table(reader, expr.func, info, scope)
    if table is None or any(isinstance(a, ast.Starred) for a in expr.args):
        return None
    name, members, cls = table
    if not expr.args and cls is not None:
        return None  # mypy's PC210 says it of a class: Missing positional argument "value"
    if not expr.args:
        return LookupRaises(
            "TypeError: EnumType.__call__() missing 1 required positional argument: 'value'",
            f"calling the enumeration {name} looks a member up by its value, and no value "
            "is passed",
            f"return a member (`{name}.{next(iter(members), 'MEMBER')}`) or pass its value",
            expr,
            info,
        )
    if len(expr.args) != 1:
        return None
    value = literal(reader, expr.args[0], info, scope)
    if value is UNKNOWN:
        return None
    if any(_same(value, v) for v in members.values()):
        return EnumMember(cls, expr, info) if cls is not None else None
    return LookupRaises(
        f"ValueError: {value!r} is not a valid {name}",
        f"no member of the enumeration {name} has the value {value!r} (values: "
        f"{_listed({repr(v): v for v in members.values()})})",
        f"pass one of {name}'s values, or look the member up by name (`{name}[...]`)",
        expr,
        info,
    )


UNKNOWN = object()


def literal(reader: Reader, expr: ast.expr, info: ModuleInfo, scope: dict[str, Binding]) -> object:
    """The literal ``expr`` is, or a module name bound to one; ``UNKNOWN`` otherwise."""
    if isinstance(expr, ast.Name):
        found = reader.ns.value(info, expr, scope)
        expr = found.expr if isinstance(found, Value) and found.expr is not None else expr
    if isinstance(expr, ast.Constant) and expr.value is not Ellipsis:
        return expr.value
    return UNKNOWN


def _same(a: object, b: object) -> bool:
    """Whether a value lookup of ``a`` finds the member whose value is ``b`` (``==``, as the
    enumeration's value map and its linear search compare)."""
    try:
        return bool(a == b)
    except Exception:
        return True


def _listed(members: dict[str, object]) -> str:
    shown = ", ".join(list(members)[:6])
    return shown + (", ..." if len(members) > 6 else "") if shown else "none"


def _table(
    reader: Reader, expr: ast.expr, info: ModuleInfo, scope: dict[str, Binding]
) -> tuple[str, dict[str, object], ClassValue | None] | None:
    """The name, members (name -> value) and class of the plugin's own enumeration ``expr``
    names, when its lookups are plain; ``None`` otherwise."""
    found = reader.ns.value(info, expr, scope)
    if isinstance(found, ClassValue):
        members = _class_members(reader, found, scope)
        return None if members is None else (found.node.name, members, found)
    if isinstance(expr, ast.Name) and isinstance(found, Value):
        functional = _functional(reader, expr.id, info, scope)
        return None if functional is None else (expr.id, functional, None)
    return None


def _class_members(
    reader: Reader, cls: ClassValue, scope: dict[str, Binding]
) -> dict[str, object] | None:
    if not reader.mine(cls.module) or not is_enum(reader.ns, cls, scope):
        return None
    kind = _plain_kind(reader, cls, scope)
    if kind is None:
        return None
    members: dict[str, object] = {}
    for stmt in cls.node.body:
        if isinstance(stmt, ast.Pass) or (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        ):
            continue  # a docstring; `vars().update(...)` may add members
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            if stmt.name in _LOOKUP_HOOKS:
                return None
            continue
        if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
            continue
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
        if not isinstance(stmt, ast.Assign | ast.AnnAssign) or not isinstance(target, ast.Name):
            return None  # a loop, a branch, an import...: the members are not all in sight
        if isinstance(stmt, ast.Assign) and len(stmt.targets) != 1:
            return None
        if target.id in _LOOKUP_HOOKS:
            return None
        if not is_member(reader.ns, cls, target.id, scope):
            continue
        value = stmt.value
        if not isinstance(value, ast.Constant) or not isinstance(value.value, kind):
            return None  # auto(), a tuple for __init__, a value the mixed-in type converts
        if kind is int and isinstance(value.value, bool):
            return None
        members[target.id] = value.value
    return members


def _plain_kind(
    reader: Reader, cls: ClassValue, scope: dict[str, Binding], depth: int = 0
) -> type | None:
    """The type members of ``cls`` must have for its lookups to be ``enum``'s plain ones:
    every class up to the base is the plugin's own, undecorated (``unique`` aside), without
    keywords, and adds no lookup hook; ``None`` when that is not so."""
    node = cls.node
    if node.keywords or depth > 10:
        return None
    if any((dotted_name(d) or "").rpartition(".")[2] != "unique" for d in node.decorator_list):
        return None
    names = reader.ns.module(cls.module) or scope
    kinds: set[type] = set()
    for base in node.bases:
        found = reader.ns.value(cls.module, base, names)
        if isinstance(found, ClassValue) and reader.mine(found.module):
            if depth and any(
                isinstance(s, ast.Assign | ast.AnnAssign) for s in found.node.body
            ):  # a base with members cannot be subclassed; one with settings is not plain
                return None
            if any(
                isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name in _LOOKUP_HOOKS
                for s in found.node.body
            ):
                return None
            got = _plain_kind(reader, found, names, depth + 1)
            if got is None:
                return None
            kinds.add(got)
            continue
        origin = origin_of(found, "")
        if origin not in _PLAIN_BASES:
            return None  # Flag, a data type mixed in, a base from elsewhere
        kinds.add(_PLAIN_BASES[origin])
    return next(iter(kinds)) if len(kinds) == 1 else None


def _functional(
    reader: Reader, name: str, info: ModuleInfo, scope: dict[str, Binding]
) -> dict[str, object] | None:
    """The members of ``name = enum.Enum("Name", [...])``, the one binding of ``name`` in the
    module, when the names are literal (values counted from 1; ``StrEnum``'s are the
    lowercased names)."""
    symbol = info.symbols.get(name)
    if info.tree is None or symbol is None or symbol.conditional or name in info.redefined:
        return None
    if name in info.deleted:
        return None
    stmt = next(
        (
            s
            for s in info.tree.body
            if isinstance(s, ast.Assign)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name)
            and s.targets[0].id == name
        ),
        None,
    )
    if stmt is None or not isinstance(stmt.value, ast.Call):
        return None
    call = stmt.value
    origin = origin_of(reader.ns.value(info, call.func, scope), "")
    if origin not in _PLAIN_BASES or len(call.args) != 2 or call.keywords:
        return None
    listed = call.args[1]
    if isinstance(listed, ast.Constant) and isinstance(listed.value, str):
        names = listed.value.replace(",", " ").split()
    elif isinstance(listed, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in listed.elts
    ):
        names = [
            e.value for e in listed.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    else:
        return None  # (name, value) pairs or a mapping: not read
    if origin == "enum.StrEnum":
        return {n: n.lower() for n in names}
    return {n: i for i, n in enumerate(names, start=1)}


def judged(
    reader: Reader, plugin: Plugin, made: LookupRaises | EnumMember, label: str
) -> Iterator[Finding]:
    """PC210 for a lookup the factory makes that raises; PC203 for a lifecycle step the
    member it returns has as another member (not callable)."""
    where = Location(made.module.path, made.node.lineno, made.node.col_offset + 1)
    factory = label.removesuffix("()")
    if isinstance(made, LookupRaises):
        yield PC210.at(
            plugin,
            where,
            f"{label} evaluates `{ast.unparse(made.node)[:60]}`, and {made.why}: every call "
            f"of {label} by the host raises {made.error}",
            fix=made.fix,
            subject=factory,
        )
        return
    node, scope = made.cls.node, reader.scope(made.cls.module)
    if any(isinstance(s, ast.FunctionDef) and s.name == "__call__" for s in node.body):
        return
    defined = {s.name for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    for stmt in node.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        for target in targets:
            step = target.id if isinstance(target, ast.Name) else ""
            if (
                step in STEPS
                and step not in defined
                and is_member(reader.ns, made.cls, step, scope)
            ):
                yield PC203.at(
                    plugin,
                    Location(made.cls.module.path, stmt.lineno, stmt.col_offset + 1),
                    f"{node.name}.{step} is a member of the enumeration {node.name}, not a "
                    f"method: the {node.name} member {label} returns has the member "
                    f"{node.name}.{step} as its {step}, and the host's {step}() call raises "
                    f"TypeError ('{node.name}' object is not callable)",
                    fix=f"rename the member (it hides the method {step}), or define {step}()",
                    subject=step,
                )


def raising_lookup(reader: Reader, fn: Function, info: ModuleInfo) -> LookupRaises | None:
    """The first lookup of the plugin's own enumeration, among the calls and subscripts every
    call of ``fn`` evaluates, that raises (one reading none of ``fn``'s locals)."""
    scope, local = reader.scope(info), local_names(fn)
    for _, nodes in evaluated_parts(fn):
        for node in nodes:
            if not isinstance(node, ast.Call | ast.Subscript):
                continue
            if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
                continue
            if any(isinstance(n, ast.Name) and n.id in local for n in ast.walk(node)):
                continue
            found = looked_up(reader, node, info, scope)
            if isinstance(found, LookupRaises):
                return found
    return None


def as_raising(found: LookupRaises) -> RaisingCall:
    """The lookup as a call every run makes that raises (for PC517's message)."""
    shown = f"`{ast.unparse(found.node)[:60]}`, and {found.why}"
    return RaisingCall(found.node, found.error, shown, found.fix)
