"""Exceptions a plugin's own new-style wrapper catches for a hook.

pluggy throws an implementation's exception into each ``wrapper=True`` generator at its
``yield``; a handler of a ``try`` around that ``yield`` which does not raise again turns the
failing call into a result (``try: return (yield)`` / ``except RuntimeError: return []``). A
hookimpl that raises on every call then does not fail the host's call, so a rule that says so
asks here first (issue 12, fresh59). Old-style ``hookwrapper=True`` generators never see the
exception at their ``yield``: they are not read.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterable, Iterator

from plugcheck.static.hooks import Impl
from plugcheck.static.syntax import dotted_name

Handlers = dict[str, list[ast.ExceptHandler]]
"""Per hook name: the handlers of the plugin's wrappers that catch around their ``yield``."""

_NOT_EXCEPTIONS = frozenset({"SystemExit", "KeyboardInterrupt", "GeneratorExit"})
"""What ``except Exception`` lets through."""


def wrapper_handlers(impls: Iterable[Impl]) -> Handlers:
    found: Handlers = {}
    for impl in impls:
        node = impl.node
        if not impl.wrapper or not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for stmt in _own(node):
            if not isinstance(stmt, ast.Try | ast.TryStar):
                continue
            if not any(
                isinstance(n, ast.Yield | ast.YieldFrom) for s in stmt.body for n in _own(s)
            ):
                continue
            kept = [h for h in stmt.handlers if not any(isinstance(s, ast.Raise) for s in h.body)]
            found.setdefault(impl.hook, []).extend(kept)
    return found


def rescued(handlers: Handlers, hook: str, raised: tuple[str, ...]) -> bool:
    """Whether a wrapper of ``hook`` catches an exception known by the class names ``raised``
    (the class first, then any base source names; empty: a class source cannot name)."""
    return any(_catches(h, raised) for h in handlers.get(hook, ()))


def _catches(handler: ast.ExceptHandler, raised: tuple[str, ...]) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for caught in ((dotted_name(t) or "").rsplit(".", 1)[-1] for t in types):
        if caught in raised or (caught == "BaseException"):
            return True
        if caught == "Exception" and not _NOT_EXCEPTIONS & set(raised[:1]):
            return True
        base = _builtin_exception(caught)
        if base is not None and any(
            (kind := _builtin_exception(name)) is not None and issubclass(kind, base)
            for name in raised
        ):
            return True
    return False


def _builtin_exception(name: str) -> type[BaseException] | None:
    value = getattr(builtins, name, None)
    return value if isinstance(value, type) and issubclass(value, BaseException) else None


def _own(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``node``'s own code, not those of functions, lambdas or classes in it."""
    for child in ast.iter_child_nodes(node):
        yield child
        if not isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
        ):
            yield from _own(child)
