"""Module-level ``except ImportError:`` fallbacks that never run in the target environment,
because everything their ``try`` imports is installed there."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence

from plugcheck.static.parse import dotted_name

_IMPORT_FAILURE_NAMES = frozenset({"ImportError", "ModuleNotFoundError"})


def dead_fallbacks(
    body: Sequence[ast.stmt],
    found: Callable[[str], bool],
    provides: Callable[[str, str], bool] = lambda _m, _n: False,
) -> Iterator[tuple[int, int]]:
    """The line spans of module-level ``except ImportError:`` handlers that never run where
    every module their ``try`` body imports is ``found`` (installed): radiko's ``try: import
    protobug`` / ``except ImportError: sys.path.append(...)`` beside an installed protobug. Only
    a body of plain ``import`` statements, and of absolute ``from M import a, b`` whose ``M``
    is found and ``provides`` each name (errbot-backend-slackv3's ``from slack_sdk.web import
    WebClient`` / ``except ImportError: ... sys.exit(1)`` beside slack_sdk), only handlers of
    import errors alone: a body doing anything else, or a handler catching more, may run."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from dead_fallbacks(stmt.body, found, provides)
            yield from dead_fallbacks(stmt.orelse, found, provides)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            yield from dead_fallbacks(stmt.body, found, provides)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            dead = (
                bool(stmt.body)
                and all(_imports_found(s, found, provides) for s in stmt.body)
                and all(_only_import_errors(h) for h in stmt.handlers)
            )
            for handler in stmt.handlers:
                if dead:
                    yield handler.lineno, handler.end_lineno or handler.lineno
                else:
                    yield from dead_fallbacks(handler.body, found, provides)
            for part in (stmt.body, stmt.orelse, stmt.finalbody):
                yield from dead_fallbacks(part, found, provides)


def _imports_found(
    stmt: ast.stmt, found: Callable[[str], bool], provides: Callable[[str, str], bool]
) -> bool:
    if isinstance(stmt, ast.Import):
        return all(found(a.name) for a in stmt.names)
    return (
        isinstance(stmt, ast.ImportFrom)
        and not stmt.level
        and stmt.module is not None
        and found(stmt.module)
        and all(a.name != "*" and provides(stmt.module, a.name) for a in stmt.names)
    )


def _only_import_errors(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return all((dotted_name(t) or "").rsplit(".", 1)[-1] in _IMPORT_FAILURE_NAMES for t in types)
