"""A class whose attribute hooks call themselves: ``__getattribute__`` reading ``self.<name>``
(``self.__dict__[name]``) on every call, or ``__getattr__`` reading an attribute nothing sets
(a proxy's misspelt ``self._target``) while the host looks up a member the class lacks. Each
lookup runs the hook again until RecursionError, and the host's first one (the isinstance check
against the protocol, or the call) fails."""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.rules.attribute_never_set import stored_anywhere
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
        return None
    known = bound | stored | _OBJECT
    read = _self_read(getattr_, lambda name: name not in known)
    return (read, "__getattr__") if read is not None else None


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
