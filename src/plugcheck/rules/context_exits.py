"""A ``@contextlib.contextmanager`` generator of the plugin's own used as a decorator
(``@_timed()``) whose exit always raises: every call of the decorated function runs it
under ``with _timed():``, and the code after the generator's ``yield`` raises on the way out.

Judged where it is certain: the decorator is a call of the plugin's own module-level ``def``
whose only decorator is ``contextlib.contextmanager`` (any spelling the module imports), its body
yields once, at a top-level expression statement (no ``try``, ``with`` or loop around it), and
the statements after that ``yield`` run straight (expression statements, assignments, ``pass``)
to a ``raise`` of an exception.
"""

from __future__ import annotations

import ast

from plugcheck.rules.reached import Reader
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import Routine
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import own_nodes

_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass)


def raising_exit(
    reader: Reader, module: ModuleInfo, decorator: ast.expr
) -> tuple[ast.FunctionDef, ast.Raise] | None:
    """(the generator, the ``raise`` after its ``yield``) when ``decorator``, read in
    ``module``, applies such a context manager (see the module's docstring)."""
    if not isinstance(decorator, ast.Call):
        return None
    made = reader.ns.value(module, decorator.func, reader.scope(module))
    if not isinstance(made, Routine) or made.in_class or not reader.mine(made.module):
        return None
    fn = made.node
    if not isinstance(fn, ast.FunctionDef) or len(fn.decorator_list) != 1:
        return None
    marked = fn.decorator_list[0]
    if imported_as(dotted_name(marked) or "", reader.scope(made.module)) not in (
        "contextlib.contextmanager",
    ):
        return None
    yields = [n for n in own_nodes(fn) if isinstance(n, ast.Yield | ast.YieldFrom)]
    if len(yields) != 1:
        return None
    for at, stmt in enumerate(fn.body):
        if isinstance(stmt, ast.Expr) and stmt.value is yields[0]:
            for after in fn.body[at + 1 :]:
                if isinstance(after, ast.Raise) and after.exc is not None:
                    return fn, after
                if not isinstance(after, _STRAIGHT):
                    return None
            return None
    return None
