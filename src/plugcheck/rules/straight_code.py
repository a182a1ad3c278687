"""The code every call of a function certainly runs: straight-line statements up to the first
that may leave, the headers of compound statements, not what nested functions or classes hold
(for PC217's reads and the lifecycle-method checks), each function walked once."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from plugcheck.static.function_walk import function_walk
from plugcheck.static.syntax import children

Function = ast.FunctionDef | ast.AsyncFunctionDef
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_SCOPE_CLASSES = frozenset(_SCOPES)


def exits(stmt: ast.stmt) -> bool:
    """Whether ``stmt`` may leave the function (or the loop) before the next statement."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return False  # defining a function or class runs none of its body
    # Those four are statements: only the statement lists below ``stmt`` can hold one (an
    # expression holds no statement), so the walk skips every expression.
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return | ast.Raise | ast.Break | ast.Continue):
            return True
        for name in _STATEMENT_LISTS:
            value = getattr(node, name, None)
            if type(value) is list:
                stack.extend(v for v in value if not isinstance(v, _SCOPES))
    return False


_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")
"""The fields that hold statements (``handlers``: the ``except`` clauses, ``cases``: a
``match``'s, each with a ``body``)."""


def shallow(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and its children, not those of functions, lambdas or classes nested in it."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in children(current):
            if type(child) not in _SCOPE_CLASSES:  # the parser's nodes are of these classes
                stack.append(child)


_HEADERS = {ast.If: ("test",), ast.While: ("test",), ast.For: ("iter",), ast.With: ("items",)}


def certain(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """The parts of ``body`` every run reaches: straight-line statements whole, the header of
    a compound statement (its test or iterable), up to the first that may leave early."""
    for stmt in body:
        fields = _HEADERS.get(type(stmt))
        if fields is not None:
            for field in fields:
                value = getattr(stmt, field)
                yield from value if isinstance(value, list) else [value]
        elif isinstance(stmt, ast.Try | ast.TryStar | ast.Match | ast.AsyncFor | ast.AsyncWith):
            pass
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield stmt
        if exits(stmt) or isinstance(stmt, ast.Try | ast.TryStar):
            return


def certain_nodes(fn: Function) -> list[ast.AST]:
    """The nodes of the code every call of ``fn`` runs: each part of ``certain(fn.body)``
    through ``shallow``, in that order. Walked once per function: the checks that look through
    it (names read, ``self.<name>`` read, metadata read, threads started) ask of the same
    lifecycle methods and factories; the caller must not change the list."""
    walk = function_walk(fn)
    if walk.certain is None:
        # A whole statement's nodes are a run of the function's walk; a header is walked.
        walk.certain = [
            node
            for part in certain(fn.body)
            for node in (
                walk.statement_nodes(part) if isinstance(part, ast.stmt) else shallow(part)
            )
        ]
    return walk.certain


def body_nodes(fn: Function) -> list[ast.AST]:
    """``shallow(fn)`` without ``fn`` itself (a memo holding ``fn`` would keep it alive): its
    arguments, decorators, annotations and body, not what functions, lambdas or classes nested
    in it hold, in ``shallow``'s order. Walked once per function (a factory is asked whether
    it yields, returns a value, binds a name before reading it...: its one walk); the caller
    must not change the list."""
    return function_walk(fn).body_nodes()


def through_local(fn: Function, returned: ast.expr) -> ast.expr:
    """What ``return name`` hands back when ``name`` is the factory's local bound once, by a
    plain assignment among the body's top-level statements before that ``return``, and read
    nowhere else (``w = Worker(); log(...); return w``): that assignment's value. Anything else
    (a second binding, another use that could change the object, a loop or branch around the
    assignment) keeps ``returned``."""
    if not isinstance(returned, ast.Name):
        return returned
    name = returned.id
    uses = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == name]
    declared = any(
        isinstance(n, ast.Global | ast.Nonlocal) and name in n.names for n in ast.walk(fn)
    )
    stores = [n for n in uses if not isinstance(n.ctx, ast.Load)]
    if declared or len(stores) != 1 or len(uses) != 2:
        return returned
    bound = next(
        (
            s
            for s in fn.body
            if isinstance(s, ast.Assign)
            and len(s.targets) == 1
            and s.targets[0] is stores[0]
            and s.lineno < returned.lineno
        ),
        None,
    )
    return bound.value if bound is not None else returned
