"""What a factory's returned value gives the host, followed through the plugin's own code.

The value is followed as Python evaluates it: a class called (its ``__new__`` read), a plugin
function whose return on the target is followed in turn, a classmethod, staticmethod or
``__call__`` member, a literal or a constant, the class itself, or an object whose class is
unknown. ``factory_product`` judges what comes out.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from plugcheck.model import Location
from plugcheck.rules.enum_lookups import EnumMember, LookupRaises, looked_up
from plugcheck.rules.factory_callables import Member, called_member, member_returns
from plugcheck.rules.factory_construct import (
    LITERAL_VALUES,
    absent_steps,
    class_itself,
    new_returns,
    not_subscriptable,
    virtual_class,
)
from plugcheck.rules.reached import (
    Function,
    Reader,
    Untold,
    enclosing_names,
    local_names,
    returns_on_target,
)
from plugcheck.rules.straight_code import body_nodes
from plugcheck.rules.unclassed import Unclassed, unclassed
from plugcheck.static.bindings import ClassValue, Routine
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import call_fits, walk

_NOT_PLUGINS = frozenset({"object", "dict", "list", "set", "tuple", "str", "int", "float"})
"""Builtin types whose instances have no init/run/shutdown."""


@dataclass(frozen=True, slots=True)
class Made:
    """The plugin the factory makes: an instance of ``cls`` built with ``call``'s arguments."""

    cls: ClassValue
    positional: int
    keywords: tuple[str, ...]
    where: Location
    label: str
    factory: str
    unjudged: bool = False
    """Reached where mypy does not judge the class (a dict lookup, a conditional binding): the
    lifecycle methods' parameters are compared here."""
    subscript: ast.Subscript | None = None
    """Called as ``Cls[...]()`` where ``Cls`` is not subscriptable (PC210)."""


@dataclass(frozen=True, slots=True)
class Called:
    """A plugin function every call of the factory runs."""

    fn: Function
    module: ModuleInfo
    label: str


@dataclass(frozen=True, slots=True)
class NotPlugin:
    what: str
    node: ast.AST
    module: ModuleInfo


_LITERALS: dict[type[ast.expr], str] = {
    ast.Tuple: "tuple",
    ast.List: "list",
    ast.Dict: "dict",
    ast.Set: "set",
    ast.ListComp: "list",
    ast.DictComp: "dict",
    ast.SetComp: "set",
    ast.JoinedStr: "str",
}


@dataclass(frozen=True, slots=True)
class ClassItself:
    """The factory returns the class, not an instance."""

    cls: ClassValue
    node: ast.expr
    module: ModuleInfo


Product = Made | NotPlugin | Called | ClassItself | Unclassed | LookupRaises | EnumMember | None
"""What following a factory's value gives: None when it cannot be told."""


def follow(
    reader: Reader, expr: ast.expr | None, info: ModuleInfo, label: str, depth: int = 0
) -> Product:
    """What evaluating ``expr`` (a factory's returned value) gives the host."""
    where = Location(info.path, getattr(expr, "lineno", 1), getattr(expr, "col_offset", 0) + 1)
    scope = reader.scope(info)
    if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
        return NotPlugin("None", expr or ast.Constant(None), info)
    if isinstance(expr, ast.Constant):
        return NotPlugin(f"the constant {ast.unparse(expr)[:40]}", expr, info)
    if isinstance(expr, tuple(_LITERALS)):
        return NotPlugin(f"a {_LITERALS[type(expr)]}", expr, info)
    looked = looked_up(reader, expr, info, scope)
    if looked is not None:
        return looked
    if isinstance(expr, ast.Name | ast.Attribute):
        itself = reader.ns.value(info, expr, scope)
        if isinstance(itself, ClassValue) and reader.mine(itself.module):
            return ClassItself(itself, expr, info)
        return None
    if not isinstance(expr, ast.Call) or any(isinstance(a, ast.Starred) for a in expr.args):
        return None
    if any(k.arg is None for k in expr.keywords):
        return None
    called = reader.ns.value(info, expr.func, scope)
    name = dotted_name(expr.func) or ""
    if name in _NOT_PLUGINS and name not in scope:
        return NotPlugin(f"a plain {name}", expr, info)
    keywords = tuple(k.arg for k in expr.keywords if k.arg)
    if isinstance(expr.func, ast.Subscript) and not isinstance(called, ClassValue):
        base = reader.ns.value(info, expr.func.value, scope)
        if (
            isinstance(base, ClassValue)
            and reader.mine(base.module)
            and not_subscriptable(reader, base)
        ):
            name = label.removesuffix("()")
            return Made(base, 0, (), where, label, name, subscript=expr.func)
    if isinstance(called, ClassValue):
        odd = _constructed(reader, called, label, depth) if reader.mine(called.module) else None
        if odd is not None:
            return odd
        symbol = info.symbols.get(expr.func.id) if isinstance(expr.func, ast.Name) else None
        # A class bound in a branch or `try`, or picked by `a if c else b`, or an ABC's virtual
        # subclass (`Base.register(Cls)`): mypy cannot tell, or does not judge it.
        unjudged = isinstance(expr.func, ast.IfExp | ast.Subscript) or bool(
            (symbol and symbol.conditional) or virtual_class(reader, called)
        )
        return Made(
            called, len(expr.args), keywords, where, label, label.removesuffix("()"), unjudged
        )
    bare = unclassed(reader, expr, info) if not isinstance(called, Routine) else None
    if bare is not None:
        return bare
    member = called_member(reader, called) if not expr.args and not keywords else None
    if member is not None and depth < 5:
        return from_member(reader, member, label, depth)
    if isinstance(called, Routine) and not called.in_class and depth < 5:
        fn = called.node
        if not isinstance(fn, ast.FunctionDef) or not reader.mine(called.module):
            return None
        if fn.decorator_list or not call_fits(fn.args, len(expr.args), keywords):
            return None
        if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in body_nodes(fn)):
            return None
        returned = returns_on_target(fn.body, reader.scope(called.module), reader.ns.target)
        if isinstance(returned, Untold):
            return Called(fn, called.module, f"{fn.name}()")
        if isinstance(returned, ast.expr) and reads_locals(returned, fn, called.module):
            return Called(fn, called.module, f"{fn.name}()")
        made = follow(reader, returned, called.module, label, depth + 1)
        if made is None:
            return Called(fn, called.module, f"{fn.name}()")
        return made
    return None


def from_member(reader: Reader, member: Member, label: str, depth: int = 0) -> Product:
    """What a classmethod, staticmethod or ``__call__`` factory returns to the host."""
    returned = member_returns(reader, member)
    if returned is None:
        return NotPlugin("None", member.fn, member.module)
    if isinstance(returned, Untold) or reads_locals(returned, member.fn, member.module):
        return None
    return follow(reader, returned, member.module, label, depth + 1)


def _constructed(
    reader: Reader, cls: ClassValue, label: str, depth: int
) -> NotPlugin | ClassItself | None:
    """``Cls()`` gives no plugin: its ``__new__`` returns nothing, or an object of another of
    the plugin's classes that certainly lacks a lifecycle member."""
    new = new_returns(reader, cls) if depth < 5 else None
    if new is None:
        return None
    if new.returned is None:
        return NotPlugin("None", new.fn, new.module)
    if class_itself(new.returned, new.fn):
        return ClassItself(cls, new.returned, new.module)
    if isinstance(new.returned, LITERAL_VALUES):  # a dict of names it was given is a dict
        made = follow(reader, new.returned, new.module, label, depth + 1)
        return made if isinstance(made, NotPlugin) else None
    if reads_locals(new.returned, new.fn, new.module):
        return None  # `super().__new__(cls)` and the like
    made = follow(reader, new.returned, new.module, label, depth + 1)
    if isinstance(made, NotPlugin):
        return made
    other = made.cls if isinstance(made, Made) and made.cls.node is not cls.node else None
    if other is not None and absent_steps(reader, other):
        what = f"a {other.node.name} (from {cls.node.name}.__new__)"
        return NotPlugin(what, new.returned, new.module)
    return None


def reads_locals(expr: ast.expr, fn: Function, info: ModuleInfo) -> bool:
    """Whether ``expr`` reads a name local to ``fn`` or to a function enclosing it."""
    local = local_names(fn) | enclosing_names(fn, info)
    return any(isinstance(n, ast.Name) and n.id in local for n in walk(expr))
