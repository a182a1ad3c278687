"""Whether compiling a tree the parser accepted can still raise SyntaxError: PC001 compiles only
such trees (the compile was most of a second parse of every plugin file).

The compiler refuses a parsed tree for what the parser does not see: ``return`` / ``yield`` /
``await`` / ``break`` / ``continue`` outside their blocks, a duplicate parameter or keyword,
``global`` / ``nonlocal`` against the names' other uses, a late or unknown ``from __future__``,
a bare ``except:`` not last, a misplaced ``*x``, a binding of ``__debug__``, ``import *`` in a
function or class, a walrus in a comprehension, ``match`` patterns, ``except*`` bodies, async
constructs outside ``async def``, 20 nested blocks. :func:`can_refuse` answers ``False`` only
for a tree with none of what any of those needs: every node of a class known to compile
(whatever is not in :data:`_PLAIN` is compiled, so a new node type is), and the checks below
on the rest. Python versions other than those it was checked against are always compiled."""

from __future__ import annotations
import __future__

import ast
import bisect
import sys

from plugcheck.static.symbols import ModuleInfo

CHECKED = ((3, 11), (3, 12), (3, 13))
"""Python versions whose compiler's refusals this module was checked against
(tests/test_compile_refusals.py): on another one, every tree is compiled."""

_STATEMENTS = (
    ast.Module,
    ast.FunctionDef,
    ast.ClassDef,
    ast.Return,
    ast.Delete,
    ast.Assign,
    ast.AugAssign,
    ast.AnnAssign,
    ast.For,
    ast.While,
    ast.If,
    ast.With,
    ast.Raise,
    ast.Try,
    ast.Assert,
    ast.Import,
    ast.ImportFrom,
    ast.Expr,
    ast.Pass,
    ast.Break,
    ast.Continue,
)
_YIELDS = (ast.Yield, ast.YieldFrom)
"""Refused outside a ``def``'s own body (:func:`_yields_outside_defs`), cleared inside it."""
_EXPRESSIONS = (
    ast.BoolOp,
    ast.BinOp,
    ast.UnaryOp,
    ast.Lambda,
    ast.IfExp,
    ast.Dict,
    ast.Set,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.Compare,
    ast.Call,
    ast.FormattedValue,
    ast.JoinedStr,
    ast.Constant,
    ast.Attribute,
    ast.Subscript,
    ast.Starred,
    ast.Name,
    ast.List,
    ast.Tuple,
    ast.Slice,
)
_PARTS = (
    *(ast.comprehension, ast.ExceptHandler, ast.arguments, ast.arg, ast.keyword, ast.alias),
    *(ast.withitem, ast.Load, ast.Store, ast.Del),
)
_OPERATORS = tuple(
    op
    for kind in (ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
    for op in kind.__subclasses__()
)
_PLAIN = frozenset((*_STATEMENTS, *_EXPRESSIONS, *_PARTS, *_OPERATORS, *_YIELDS))
"""Node classes whose own refusals the checks below cover. Not here, so always compiled:
``global``, ``nonlocal``, ``await``, ``:=``, ``async`` anything, ``match``, ``except*``, type
parameters and aliases, and whatever a later Python adds."""

_FEATURES = frozenset(__future__.all_feature_names)
_BLOCKS = 20
"""The compiler's limit of nested blocks in one function (CO_MAXBLOCKS)."""


def can_refuse(info: ModuleInfo, data: bytes | None) -> bool:
    """Whether ``compile()`` of ``info``'s tree may raise SyntaxError; ``False`` means it
    certainly does not. ``data`` is the file's bytes when it was read as UTF-8 (``None``:
    another encoding)."""
    if sys.version_info[:2] not in CHECKED or data is None or not data.isascii():
        return True  # a non-ASCII identifier may normalise to __debug__
    if b"__debug__" in data:
        return True
    tree = info.tree
    classes = info.node_classes()
    if not _PLAIN.issuperset(classes):
        return True

    in_calls = {id(a) for call in info.nodes(ast.Call) for a in call.args}
    if any(id(s) not in in_calls for s in info.nodes(ast.Starred)):
        return True  # `*a` elsewhere than a call's arguments: a target or a display
    if any(c.is_async for c in info.nodes(ast.comprehension)):
        return True
    for arguments in info.nodes(ast.arguments):
        names = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
        names += [a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None]
        if len(set(names)) != len(names):
            return True
    for keywords in (
        *(c.keywords for c in info.nodes(ast.Call) if len(c.keywords) > 1),
        *(c.keywords for c in info.nodes(ast.ClassDef) if len(c.keywords) > 1),
    ):
        given = [k.arg for k in keywords if k.arg is not None]
        if len(set(given)) != len(given):
            return True
    if _late_future(tree, info) or _misplaced(tree):
        return True
    # Last: real code with generators is mostly cleared here (it was always compiled).
    yields = ast.Yield in classes or ast.YieldFrom in classes
    return yields and _yields_outside_defs(tree, info)


def _late_future(tree: ast.Module, info: ModuleInfo) -> bool:
    """A ``from __future__`` import not in the run of them the module starts with (after its
    docstring), or naming no feature."""
    body = tree.body
    start = 1 if body and ast.get_docstring(tree, clean=False) is not None else 0
    leading: set[int] = set()
    for stmt in body[start:]:
        if not (isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"):
            break
        leading.add(id(stmt))
    for stmt in info.nodes(ast.ImportFrom):
        if stmt.module == "__future__" and (
            id(stmt) not in leading or any(a.name not in _FEATURES for a in stmt.names)
        ):
            return True
    return False


def _misplaced(tree: ast.Module) -> bool:
    """``return`` outside a function, ``break`` / ``continue`` outside a loop's body,
    ``import *`` in a function or class, a bare ``except:`` before another handler, or blocks
    nested nearly as deep as the compiler allows (counted generously)."""
    # (statements, their scope, in a loop's body, blocks around them: an upper bound)
    todo: list[tuple[list[ast.stmt], type[ast.AST], bool, int]] = [
        (tree.body, ast.Module, False, 0)
    ]
    while todo:
        body, scope, in_loop, blocks = todo.pop()
        if blocks >= _BLOCKS:
            return True
        for stmt in body:
            if isinstance(stmt, ast.Return):
                if scope is not ast.FunctionDef:
                    return True
            elif isinstance(stmt, ast.Break | ast.Continue):
                if not in_loop:
                    return True
            elif isinstance(stmt, ast.ImportFrom):
                if scope is not ast.Module and any(a.name == "*" for a in stmt.names):
                    return True
            elif isinstance(stmt, ast.FunctionDef | ast.ClassDef):
                todo.append((stmt.body, type(stmt), False, 0))
            elif isinstance(stmt, ast.For | ast.While):
                todo.append((stmt.body, scope, True, blocks + 2))
                todo.append((stmt.orelse, scope, in_loop, blocks + 2))
            elif isinstance(stmt, ast.If):
                todo.append((stmt.body, scope, in_loop, blocks))
                todo.append((stmt.orelse, scope, in_loop, blocks))
            elif isinstance(stmt, ast.With):
                todo.append((stmt.body, scope, in_loop, blocks + 2 * len(stmt.items) + 1))
            elif isinstance(stmt, ast.Try):
                if any(h.type is None for h in stmt.handlers[:-1]):
                    return True
                for part in (stmt.body, stmt.orelse, stmt.finalbody):
                    todo.append((part, scope, in_loop, blocks + 4))
                for handler in stmt.handlers:
                    todo.append((handler.body, scope, in_loop, blocks + 4))
    return False


def _yields_outside_defs(tree: ast.Module, info: ModuleInfo) -> bool:
    """A ``yield`` or ``yield from`` anywhere but in the scope of a plain ``def``'s body: at
    module or class level (a ``def``'s decorators and defaults there too), in a
    comprehension, a generator expression or a lambda (counted as refused, though a lambda
    may yield), or in an annotation (refused everywhere). Only the parts whose lines hold a
    yield are walked: a walk of the whole tree in Python cost more than the compile it
    spares."""
    lines = sorted({y.lineno for kind in _YIELDS for y in info.nodes(kind)})
    parts: list[ast.AST | None] = []
    for kind in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda):
        parts += info.nodes(kind)
    parts += [a.annotation for a in info.nodes(ast.arg)]
    parts += [f.returns for f in info.nodes(ast.FunctionDef)]
    parts += [a.annotation for a in info.nodes(ast.AnnAssign)]
    for part in parts:
        if part is not None and _on(part, lines) and _holds_yield(part):
            return True
    bodies = [tree.body, *(c.body for c in info.nodes(ast.ClassDef))]
    return any(_in_own_scope(body, lines) for body in bodies)


def _on(node: ast.AST, lines: list[int]) -> bool:
    """Whether ``node``'s lines hold one of ``lines`` (sorted); a node with no position may."""
    start = getattr(node, "lineno", None)
    if start is None:
        return True
    at = bisect.bisect_left(lines, start)
    return at < len(lines) and lines[at] <= (getattr(node, "end_lineno", None) or start)


def _holds_yield(node: ast.AST) -> bool:
    return any(isinstance(n, _YIELDS) for n in ast.walk(node))


def _in_own_scope(body: list[ast.stmt], lines: list[int]) -> bool:
    """A yield in the scope these statements run in: not in a ``def``'s body (its decorators
    and defaults run here), nor in a class's body (the caller judges each class's)."""
    todo: list[ast.AST] = [*body]
    while todo:
        node = todo.pop()
        if isinstance(node, _YIELDS):
            return True
        if isinstance(node, ast.FunctionDef):  # its decorators are above its first line
            todo.extend(node.decorator_list)
            todo.extend(node.args.defaults)
            todo.extend(d for d in node.args.kw_defaults if d is not None)
        elif isinstance(node, ast.ClassDef):
            todo.extend((*node.decorator_list, *node.bases, *node.keywords))
        elif _on(node, lines):
            todo.extend(ast.iter_child_nodes(node))
    return False
