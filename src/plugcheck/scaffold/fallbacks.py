"""A host that hands back what an optional name gave and otherwise goes another way: trial's
``if hasattr(module, "testSuite"): return module.testSuite()``, then ``test_suite``, then the
module's test classes. A module without the name is loaded the other way, so it is no break."""

from __future__ import annotations

import ast

from plugcheck.static.syntax import walked


def falls_back(fn: ast.FunctionDef | ast.AsyncFunctionDef, test: ast.If, call: ast.AST) -> bool:
    """``test``'s body leaves only by returning what ``call`` gave (``return mod.name(...)``),
    and neither its ``else`` nor the statements after it refuse the module: no ``raise``, no
    ``return`` of a constant or of nothing (a caller told "not a plugin", as IPython's
    ``return False``)."""
    exits = [n for stmt in test.body for n in walked(stmt) if isinstance(n, ast.Return | ast.Raise)]
    if not exits or not all(
        isinstance(n, ast.Return)
        and n.value is not None
        and any(c is call for c in walked(n.value))
        for n in exits
    ):
        return False
    return not any(_refuses(n) for stmt in [*test.orelse, *_after(fn, test)] for n in walked(stmt))


def _refuses(node: ast.AST) -> bool:
    if isinstance(node, ast.Raise):
        return True
    return isinstance(node, ast.Return) and (
        node.value is None or isinstance(node.value, ast.Constant)
    )


def _after(fn: ast.FunctionDef | ast.AsyncFunctionDef, stmt: ast.stmt) -> list[ast.stmt]:
    """The statements that follow ``stmt`` in the block holding it, and in each block
    enclosing that one within ``fn``."""
    for block in _blocks(fn):
        if any(s is stmt for s in block):
            index = next(i for i, s in enumerate(block) if s is stmt)
            holder = next((n for n in _holders(fn) if any(b is block for b in _lists(n))), None)
            rest = block[index + 1 :]
            if holder is None or holder is fn or not isinstance(holder, ast.stmt):
                return rest
            return [*rest, *_after(fn, holder)]
    return []


def _lists(node: ast.AST) -> list[list[ast.stmt]]:
    return [
        value
        for field in ("body", "orelse", "finalbody")
        if isinstance(value := getattr(node, field, None), list)
    ] + [h.body for h in getattr(node, "handlers", [])]


def _holders(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    return [fn, *(n for n in walked(fn) if isinstance(n, ast.stmt | ast.ExceptHandler))]


def _blocks(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[list[ast.stmt]]:
    return [block for node in _holders(fn) for block in _lists(node)]
