"""A class whose attribute hooks call themselves: ``__getattribute__`` reading ``self.<name>``
(``self.__dict__[name]``) on every call, or ``__getattr__`` reading an attribute nothing sets
(a proxy's misspelt ``self._target``) while the host looks up a member the class lacks. Each
lookup runs the hook again until RecursionError, and the host's first one (the isinstance check
against the protocol, or the call) fails."""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.rules.attribute_never_set import _DYNAMIC, stored_anywhere
from plugcheck.rules.class_hooks import decided_raise
from plugcheck.rules.instance_state import names_bound
from plugcheck.rules.reached import Reader
from plugcheck.rules.straight_code import certain_nodes

_PLAIN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign, ast.Expr, ast.Pass)
_OBJECT = frozenset(dir(object))


def recursing_hook(
    reader: Reader, node: ast.ClassDef, wanted: frozenset[str]
) -> tuple[ast.Attribute, str] | None:
    """(the read, the hook's name) where every lookup of an attribute of an instance of the
    class ``node`` (undecorated, no metaclass keyword, a body of plain statements) recurses:
    its ``__getattribute__`` certainly reads an attribute of its own instance, or (with no
    base and no ``__getattribute__``) its ``__getattr__`` certainly reads one that neither the
    class body nor any code of the plugin sets, and the body lacks one of ``wanted`` (the
    members the host looks up), so the host's lookup reaches ``__getattr__``."""
    if node.decorator_list or node.keywords:
        return None
    if any(not isinstance(stmt, _PLAIN) for stmt in node.body):
        return None
    hooks = {
        s.name: s
        for s in node.body
        if isinstance(s, ast.FunctionDef) and s.name in ("__getattribute__", "__getattr__")
    }
    getattribute = hooks.get("__getattribute__")
    if getattribute is not None:
        read = _self_read(getattribute, lambda name: True)
        return (read, "__getattribute__") if read is not None else None
    getattr_ = hooks.get("__getattr__")
    bound = names_bound(node)
    if getattr_ is None or node.bases or wanted <= bound:
        return None
    stored = stored_anywhere(reader)
    if stored is None:
        stored = _stored_past_forwarding(reader, node)
    if stored is None:
        return None
    known = bound | stored | _OBJECT
    read = _self_read(getattr_, lambda name: name not in known)
    return (read, "__getattr__") if read is not None else None


def _stored_past_forwarding(reader: Reader, node: ast.ClassDef) -> set[str] | None:
    """``stored_anywhere`` for a proxy class ``node`` whose own ``__setattr__`` forwards every
    store to another object (``setattr(self._wrapped, name, value)``: its instance parameter is
    only read, as ``self.<attr>``): such a ``setattr`` stores nothing on the proxy, and
    ``object.__setattr__(obj, "<name>", value)`` stores that name. Any other ``setattr``,
    ``object.__setattr__`` with a computed name, ``vars``, ``__dict__`` or ``globals`` still
    makes the stores unknown (None)."""
    forward = next(
        (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__setattr__"),
        None,
    )
    params = [*forward.args.posonlyargs, *forward.args.args] if forward is not None else []
    if forward is None or forward.decorator_list or len(params) != 3:
        return None
    me = params[0].arg
    mine = {id(n): n for n in ast.walk(forward)}
    parents = {id(c): p for p in ast.walk(forward) for c in ast.iter_child_nodes(p)}
    for n in mine.values():
        if isinstance(n, ast.Name) and n.id == me:
            parent = parents.get(id(n))
            if not (isinstance(parent, ast.Attribute) and isinstance(parent.ctx, ast.Load)):
                return None  # the proxy itself handed on, or rebound: not only read
    names: set[str] = set()
    for path in reader.own_in_order():
        info = reader.ctx.index.info(path)
        if info is None or info.tree is None:
            return None
        allowed: set[int] = set()
        for call in info.nodes(ast.Call):
            func = call.func
            if isinstance(func, ast.Name) and func.id == "setattr" and id(call) in mine:
                first = call.args[0] if call.args else None
                if (
                    isinstance(first, ast.Attribute)
                    and isinstance(first.value, ast.Name)
                    and first.value.id == me
                ):
                    allowed.add(id(func))
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "__setattr__"
                and isinstance(func.value, ast.Name)
                and func.value.id == "object"
                and len(call.args) == 3
                and isinstance(call.args[1], ast.Constant)
                and isinstance(call.args[1].value, str)
            ):
                allowed.add(id(func))
                names.add(call.args[1].value)
        for name in info.nodes(ast.Name):
            if name.id in _DYNAMIC and id(name) not in allowed:
                return None
        for attr in info.nodes(ast.Attribute):
            if not isinstance(attr.ctx, ast.Load):
                names.add(attr.attr)
            elif attr.attr in _DYNAMIC and id(attr) not in allowed:
                return None
    return names


def guarded_read(
    node: ast.ClassDef, steps: tuple[str, ...]
) -> tuple[ast.Attribute, str, ast.Raise] | None:
    """(the read, the lifecycle method, the ``raise``) where a lifecycle method of ``node`` (a
    plain class statement with no base, no ``__getattr__``) certainly reads ``self.<name>``
    and the class's ``__getattribute__`` certainly raises for that name: its leading
    statements reach a ``raise`` on a test the name decides (``if name.startswith("_"):
    raise AttributeError(...)``, a private-attribute guard that also guards the class's own
    reads). Methods are tried in the host's order (``steps``)."""
    if node.decorator_list or node.keywords or node.bases:
        return None
    if any(not isinstance(stmt, _PLAIN) for stmt in node.body):
        return None
    defs = {s.name: s for s in node.body if isinstance(s, ast.FunctionDef)}
    assigned = {
        t.id
        for s in node.body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
        if isinstance(t, ast.Name)
    }
    hook = defs.get("__getattribute__")
    if hook is None or "__getattr__" in names_bound(node) or "__getattribute__" in assigned:
        return None
    params = [*hook.args.posonlyargs, *hook.args.args]
    if hook.decorator_list or len(params) != 2 or hook.args.vararg or hook.args.kwarg:
        return None
    for step in steps:
        method = defs.get(step)
        if method is None or step in assigned or method.decorator_list or not method.args.args:
            continue
        me = method.args.args[0].arg
        for n in certain_nodes(method):
            if not (
                isinstance(n, ast.Attribute)
                and isinstance(n.ctx, ast.Load)
                and isinstance(n.value, ast.Name)
                and n.value.id == me
            ):
                continue
            raised = decided_raise(hook.body, {params[1].arg: n.attr})
            if raised is not None:
                return n, step, raised
    return None


def _self_read(fn: ast.FunctionDef, counts: Callable[[str], bool]) -> ast.Attribute | None:
    """The first ``self.<name>`` load every call of the undecorated hook ``fn`` runs, for a
    name ``counts`` accepts."""
    params = [*fn.args.posonlyargs, *fn.args.args]
    if fn.decorator_list or len(params) != 2:
        return None
    me = params[0].arg
    for n in certain_nodes(fn):
        if (
            isinstance(n, ast.Attribute)
            and isinstance(n.ctx, ast.Load)
            and isinstance(n.value, ast.Name)
            and n.value.id == me
            and counts(n.attr)
        ):
            return n
    return None
