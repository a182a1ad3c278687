"""One walk of a function, kept while its tree lives, that every question about the function's
own code is answered from: its nodes (not those of the functions, lambdas and classes nested in
it), each statement's share of them, the nodes of its body grouped by class, and the names it
and the scopes nested in it bind.

The checks of one plugin ask of the same factories and lifecycle methods which nodes every
call runs, which names they read before binding, which they bind anywhere, their returns,
yields and ``self.<name>`` reads; each question walked the function again (four walks of most
factories, a tenth of the static pass). The orders below are the ones those walks had, which
their callers' "first" and "last" read."""

from __future__ import annotations

import ast
from bisect import bisect_right
from typing import TypeVar
from weakref import WeakKeyDictionary

from plugcheck.static.syntax import children

_N = TypeVar("_N", bound=ast.AST)

Function = ast.FunctionDef | ast.AsyncFunctionDef
SCOPE_CLASSES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef})
"""The nodes that open a scope of their own: a walk of a function's own code stops at them."""

_FUNCTIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda})

BINDERS = frozenset(
    {
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Name,
        ast.Import,
        ast.ImportFrom,
        ast.ExceptHandler,
        ast.MatchAs,
        ast.MatchStar,
        ast.MatchMapping,
        ast.Global,
        ast.Nonlocal,
    }
)
"""The classes of the nodes ``binds`` may find a name in (most nodes are none of them)."""


def binds(node: ast.AST) -> list[str]:
    """The names ``node`` itself binds (or declares ``global``/``nonlocal``)."""
    if type(node) not in BINDERS:
        return []
    match node:
        case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name) | ast.ClassDef(name=name):
            return [name]
        case ast.Name(ctx=ast.Store() | ast.Del(), id=name):
            return [name]
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            return [a.asname or a.name.partition(".")[0] for a in aliases]
        case ast.ExceptHandler(name=str(name)):
            return [name]
        case ast.MatchAs(name=str(name)) | ast.MatchStar(name=str(name)):
            return [name]
        case ast.MatchMapping(rest=str(name)):
            return [name]
        case ast.Global(names=declared) | ast.Nonlocal(names=declared):
            return list(declared)
    return []


def parameters(fn: Function | ast.Lambda) -> set[str]:
    """The names of every parameter of ``fn``."""
    args = fn.args
    return {
        a.arg
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        if a is not None
    }


class FunctionWalk:
    """What one walk of a function found. It holds nodes below the function, never the
    function itself (the function is the key it is kept under: it would never go)."""

    __slots__ = (
        "_body",
        "_body_nodes",
        "_bounds",
        "_forward",
        "_kinds",
        "_locals",
        "_parameters",
        "_scopes",
        "_starts",
        "certain",
        "nodes",
        "reads",
    )

    def __init__(self, fn: Function | ast.Lambda) -> None:
        self.nodes: list[ast.AST] = []
        """The function's own nodes, the function itself left out: each node before its
        children, last child first (so: the return annotation, the decorators, the body's
        statements last first, the parameters), the nested functions, lambdas and classes
        themselves among them, what they hold not."""
        self._starts: dict[int, int] = {}
        """The ``id`` of each child of the function -> where its nodes start in ``nodes``."""
        self._bounds: list[int] = []
        """The same starts, ascending."""
        self._scopes: list[ast.AST] = []
        """The functions, lambdas and classes nested in the function's own code."""
        self._body: list[ast.stmt] | ast.expr = fn.body
        self._parameters = parameters(fn)
        self._body_nodes: list[ast.AST] | None = None
        self._forward: list[ast.AST] | None = None
        self._kinds: dict[type, list[ast.AST]] | None = None
        self._locals: frozenset[str] | None = None
        self.certain: list[ast.AST] | None = None
        """``straight_code.certain_nodes``'s answer, once asked."""
        self.reads: list[ast.Name] | None = None
        """``reached.certain_reads``'s answer, once asked."""
        nodes, scopes, starts, bounds = self.nodes, self._scopes, self._starts, self._bounds
        # Each child alone, in the order one stack for all would pop them: the same nodes in
        # the same order, and where each child's nodes start.
        for child in reversed(children(fn)):
            starts[id(child)] = len(nodes)
            bounds.append(len(nodes))
            stack = [child]
            while stack:
                node = stack.pop()
                nodes.append(node)
                if type(node) in SCOPE_CLASSES:
                    scopes.append(node)
                else:
                    stack.extend(children(node))

    def _span(self, first: ast.AST, last: ast.AST) -> list[ast.AST]:
        """``nodes`` from where child ``first``'s start to where child ``last``'s end (the
        next child's start: children follow one another)."""
        bounds = self._bounds
        after = bisect_right(bounds, self._starts[id(last)])
        end = bounds[after] if after < len(bounds) else len(self.nodes)
        return self.nodes[self._starts[id(first)] : end]

    def body_nodes(self) -> list[ast.AST]:
        """``nodes`` without the nested functions, lambdas and classes (the order of a walk
        that never reaches them: ``straight_code.shallow``'s)."""
        if self._body_nodes is None:
            self._body_nodes = [n for n in self.nodes if type(n) not in SCOPE_CLASSES]
        return self._body_nodes

    def statement_nodes(self, stmt: ast.stmt) -> list[ast.AST]:
        """The nodes of ``stmt``, one of the function's body statements, in ``body_nodes``'s
        order (``shallow(stmt)``)."""
        return [n for n in self._span(stmt, stmt) if type(n) not in SCOPE_CLASSES]

    def backward(self) -> list[ast.AST]:
        """The nodes of the body alone (no decorator, annotation or default), the nested
        functions, lambdas and classes among them: last statement first, each node before its
        children, last child first."""
        body = self._body
        if not isinstance(body, list):
            return self._span(body, body)
        return self._span(body[-1], body[0]) if body else []

    def forward(self) -> list[ast.AST]:
        """The same nodes in source order (each node before its children)."""
        if self._forward is None:
            self._forward = []
            body = self._body
            stack: list[ast.AST] = list(reversed(body)) if isinstance(body, list) else [body]
            while stack:
                node = stack.pop()
                self._forward.append(node)
                if type(node) not in SCOPE_CLASSES:
                    stack.extend(reversed(children(node)))
        return self._forward

    def kinds(self) -> dict[type, list[ast.AST]]:
        """``backward()`` grouped by node class, each group in that order."""
        if self._kinds is None:
            self._kinds = {}
            for node in self.backward():
                self._kinds.setdefault(type(node), []).append(node)
        return self._kinds

    def local_names(self) -> frozenset[str]:
        """The parameters and every name bound anywhere in the function, the scopes nested in
        it included (their parameters too)."""
        if self._locals is None:
            names = set(self._parameters)
            for node in self.nodes:
                if type(node) in BINDERS:  # most nodes bind nothing: no call for them
                    names.update(binds(node))
            for scope in self._scopes:
                if type(scope) is not ast.ClassDef:
                    names |= _walk(scope).local_names()  # type: ignore[arg-type]  # checked
                    continue
                stack = children(scope)
                while stack:
                    node = stack.pop()
                    kind = type(node)
                    if kind in BINDERS:
                        names.update(binds(node))
                    if (
                        kind is ast.FunctionDef
                        or kind is ast.AsyncFunctionDef
                        or kind is ast.Lambda
                    ):
                        names |= _walk(node).local_names()  # type: ignore[arg-type]  # checked
                    else:
                        stack.extend(children(node))
            self._locals = frozenset(names)
        return self._locals


_WALKS: WeakKeyDictionary[ast.AST, FunctionWalk] = WeakKeyDictionary()


def _walk(fn: Function | ast.Lambda) -> FunctionWalk:
    found = _WALKS.get(fn)
    if found is None:
        found = _WALKS[fn] = FunctionWalk(fn)
    return found


def function_walk(fn: Function | ast.Lambda) -> FunctionWalk:
    """``fn``'s walk: made once while its tree lives (the tree's release drops it with it)."""
    return _walk(fn)


def own_nodes(fn: Function) -> list[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions or classes nested in it, in source
    order (each node before its children). The caller must not change the list."""
    return _walk(fn).forward()


def own_backward(fn: Function) -> list[ast.AST]:
    """The same nodes, last statement first, each node before its children, last child first
    (``static.resolve.own_nodes``'s order, which its callers' "first" and "last" read)."""
    return _walk(fn).backward()


def own_of(fn: Function, *kinds: type[_N]) -> list[_N]:
    """The nodes of ``fn``'s own body of exactly these classes (``ast.Return``, not
    ``ast.stmt``), in ``own_backward``'s order for one class, class after class for more."""
    grouped = _walk(fn).kinds()
    if len(kinds) == 1:
        return grouped.get(kinds[0], [])  # type: ignore[return-value]  # grouped by class
    return [n for kind in kinds for n in grouped.get(kind, [])]  # type: ignore[misc]


def own_has(fn: Function, *kinds: type[ast.AST]) -> bool:
    """Whether ``fn``'s own body holds a node of one of these classes (exactly)."""
    grouped = _walk(fn).kinds()
    return any(kind in grouped for kind in kinds)
