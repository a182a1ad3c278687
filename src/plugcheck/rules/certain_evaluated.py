"""What every call of a function evaluates, part by part, read once per function."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from weakref import WeakKeyDictionary

from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.straight_code import certain
from plugcheck.static.function_walk import Function

Parts = list[tuple[ast.AST, list[ast.AST]]]

_PARTS: WeakKeyDictionary[ast.AST, Parts] = WeakKeyDictionary()


def evaluated_parts(fn: Function) -> Parts:
    """Each part of ``certain(fn.body)`` with the nodes :func:`evaluated` gives for it (for an
    ``assert``, for its test alone): the raising-call, asyncio, enumeration and registry
    lookups each read them for the same lifecycle methods and factories (four walks of each).
    Kept while the tree lives (the list holds nodes below ``fn``, never ``fn``); the caller
    must not change it."""
    found = _PARTS.get(fn)
    if found is None:
        found = _PARTS[fn] = [(part, list(nodes)) for part, nodes in with_evaluated(fn.body)]
    return found


def with_evaluated(parts: Sequence[ast.stmt]) -> Iterator[tuple[ast.AST, Iterator[ast.AST]]]:
    """Each part of ``certain(parts)`` with what :func:`evaluated` gives for it, lazily."""
    for part in certain(parts):
        yield part, evaluated(part.test if isinstance(part, ast.Assert) else part)
