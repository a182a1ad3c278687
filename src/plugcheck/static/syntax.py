"""Small questions about syntax trees: dotted names, assignment targets, guards, call shapes."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Sequence


def dotted_name(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


_GUARDS = {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds (``a, (b, *c) = ...``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def catches(handlers: Sequence[ast.ExceptHandler], names: Collection[str]) -> bool:
    """Whether a ``try``'s handlers catch an exception named in ``names`` (by its last dotted
    part: ``except importlib.metadata.PackageNotFoundError``), a bare ``except:`` catching all."""
    for handler in handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any((dotted_name(t) or "").rsplit(".", 1)[-1] in names for t in types):
            return True
    return False


def is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def is_type_checking(test: ast.expr) -> bool:
    return dotted_name(test) in _GUARDS


def call_fits(args: ast.arguments, positional: int, keywords: Collection[str]) -> bool:
    """Whether a call with ``positional`` positional arguments and the ``keywords`` binds to a
    function with parameters ``args`` (Python's own rules: no missing, duplicate or unknown
    argument)."""
    params = [*args.posonlyargs, *args.args]
    if positional > len(params) and args.vararg is None:
        return False
    filled = {p.arg for p in params[:positional]}
    kwonly = {a.arg for a in args.kwonlyargs}
    by_name = {p.arg for p in args.args} | kwonly
    for key in keywords:
        if key in filled:
            return False
        if key in by_name:
            filled.add(key)
        elif args.kwarg is None:
            return False
    required = [p.arg for p in params[: len(params) - len(args.defaults)]]
    required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return all(name in filled for name in required)


def own_nodes(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions or classes nested in it."""
    stack: list[ast.AST] = list(reversed(fn.body))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
