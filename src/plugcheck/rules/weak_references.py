"""A weak reference to ``self`` that every call of a method makes, on a class whose instances
cannot be weakly referenced: every class of its chain has a literal ``__slots__`` without
``__weakref__`` (no class decorator, no base outside the plugin), or is remade by the standard
library's ``@dataclass(slots=True)`` without ``weakref_slot=True``. ``weakref.ref(self)``,
``weakref.proxy(self)``, ``weakref.finalize(self, ...)``, and ``LIVE.add(self)`` on a module's
``weakref.WeakSet()`` raise ``TypeError: cannot create weak reference to 'Worker' object``."""

from __future__ import annotations

import ast

from plugcheck.rules.instance_state import Chain, _slots
from plugcheck.rules.raising_calls import RaisingCall, certain_calls
from plugcheck.rules.reached import Function, Reader, local_names
from plugcheck.rules.slots_super import dataclass_options
from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import Binding
from plugcheck.static.parse import ModuleInfo

_TAKES_REFERENT = frozenset({"weakref.ref", "weakref.proxy", "weakref.finalize"})


def weak_self(reader: Reader, found: Chain, fn: Function, info: ModuleInfo) -> RaisingCall | None:
    """The first call every call of the method ``fn`` makes that weakly refers to ``self``,
    when the instances of the chain's class cannot be weakly referenced."""
    args = [*fn.args.posonlyargs, *fn.args.args]
    if not args or not _no_weakref(reader, found):
        return None
    me, name = args[0].arg, found.classes[0].node.name
    if any(
        isinstance(n, ast.Name) and n.id == me and not isinstance(n.ctx, ast.Load)
        for n in ast.walk(fn)
    ):
        return None  # `self` rebound
    scope, local = reader.scope(info), local_names(fn)
    for call in certain_calls(fn):
        if not call.args or not (isinstance(call.args[0], ast.Name) and call.args[0].id == me):
            continue
        head = call.func
        while isinstance(head, ast.Attribute):
            head = head.value
        if isinstance(head, ast.Name) and head.id in local:
            continue
        made = _weak_maker(reader, call, info, scope)
        if made is None:
            continue
        return RaisingCall(
            call,
            f"TypeError: cannot create weak reference to '{name}' object",
            f"`{ast.unparse(call)[:60]}` ({made}), and the __slots__ of {name}'s classes "
            "leave no __weakref__",
            f"add '__weakref__' to {name}.__slots__ (to @dataclass(slots=True): weakref_slot=True)",
        )
    return None


def _weak_maker(
    reader: Reader, call: ast.Call, info: ModuleInfo, scope: dict[str, Binding]
) -> str | None:
    """What weakly refers to the call's first argument: ``weakref.ref``, or a module's
    ``WeakSet``'s ``add``."""
    origin = origin_of(reader.ns.value(info, call.func, scope), "")
    if origin in _TAKES_REFERENT:
        return origin
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "add"
        and isinstance(func.value, ast.Name)
        and len(call.args) == 1
    ):
        return None
    held = func.value.id
    made = _module_binding(info, held)
    if not isinstance(made, ast.Call):
        return None
    if origin_of(reader.ns.value(info, made.func, scope), "") != "weakref.WeakSet":
        return None
    return f"{held} is a weakref.WeakSet"


def _module_binding(info: ModuleInfo, name: str) -> ast.expr | None:
    """The value of the one top-level binding of ``name`` that nothing else rebinds."""
    symbol = info.symbols.get(name)
    if info.tree is None or symbol is None or symbol.conditional:
        return None
    if name in info.redefined or name in info.deleted:
        return None
    if any(name in g.names for g in info.nodes(ast.Global)):
        return None
    bound = [
        s.value
        for s in info.tree.body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        for target in (s.targets if isinstance(s, ast.Assign) else [s.target])
        if isinstance(target, ast.Name) and target.id == name
    ]
    return bound[0] if len(bound) == 1 else None


def _no_weakref(reader: Reader, found: Chain) -> bool:
    """Whether the chain's instances certainly have no ``__weakref__`` slot: each class has a
    literal ``__slots__`` without it, or is remade by ``@dataclass(slots=True)`` without
    ``weakref_slot=True``."""
    if not found.complete or found.foreign is not None:
        return False
    for cls in found.classes:
        slots = _slots(cls.node)
        if slots is None and len(cls.node.decorator_list) == 1 and not cls.node.keywords:
            options = dataclass_options(reader, cls.node, cls.module)
            if options and options.get("slots") and not options.get("weakref_slot"):
                continue
        if cls.node.decorator_list or cls.node.keywords or slots is None:
            return False
        if "__weakref__" in slots:
            return False
    return True
