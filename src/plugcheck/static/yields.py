"""What a hook wrapper does when called: how many times its generator yields, and whether it
uses the old ``outcome.get_result()`` protocol."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence

from plugcheck.static.resolve import Function, own_nodes

# --- what a wrapper does when called ----------------------------------------------------

_MANY = 2
"""Yield counts are 0, 1 or ``_MANY`` (two or more)."""


def yield_counts(
    fn: Function | ast.Lambda,
    helper: Callable[[str], Function | None] | None = None,
    depth: int = 0,
    decide: Callable[[ast.expr], bool | None] | None = None,
) -> set[int] | None:
    """How many times ``fn``'s generator can yield on the paths that end it normally (return or
    fall off the end), capped at two; ``None`` when source cannot tell (a ``yield`` inside a
    conditional expression, ``yield from`` anything but a call of a generator function
    ``helper`` finds by name, with no arguments that yield). ``decide`` says which way an
    ``if`` test goes (True/False) when the host's call decides it, None when unknown."""
    if isinstance(fn, ast.Lambda) or depth > 5:
        return None
    flow = _YieldFlow(helper, depth, decide)
    end = flow.block(fn.body, {0})
    return None if flow.unknown else end | flow.returns


def uneven_ending(
    fn: Function | ast.Lambda,
    helper: Callable[[str], Function | None] | None = None,
    decide: Callable[[ast.expr], bool | None] | None = None,
) -> tuple[int | None, int] | None:
    """A normal ending of wrapper ``fn`` reached on some path without exactly one ``yield``,
    while another path yields once: (line of its ``return``, None when it falls off the
    end; the count there, 0 or two-or-more). An exception handler is entered as
    after the ``yield`` of its ``try`` (pluggy throws the hook's exception in there), so the
    ``try: result = yield`` / ``except E: return default`` idiom is not such an ending.
    ``None`` when every ending yields once, none does, or source cannot tell. ``decide`` is
    as for :func:`yield_counts`."""
    if isinstance(fn, ast.Lambda):
        return None
    flow = _YieldFlow(helper, 0, decide, thrown_at_yield=True)
    end = flow.block(fn.body, {0})
    if flow.unknown or 1 not in end | flow.returns:
        return None
    if flow.uneven:
        return flow.uneven[0]
    stray = sorted(end - {1})
    return (None, stray[0]) if stray else None


class _YieldFlow:
    def __init__(
        self,
        helper: Callable[[str], Function | None] | None,
        depth: int,
        decide: Callable[[ast.expr], bool | None] | None = None,
        *,
        thrown_at_yield: bool = False,
    ) -> None:
        self.decide = decide
        self.thrown_at_yield = thrown_at_yield
        """Enter ``except`` handlers only as after their ``try``'s yields, never before them."""
        self.uneven: list[tuple[int, int]] = []
        """(line, count) of each ``return`` some path reaches without exactly one yield."""
        self.returns: set[int] = set()
        self.unknown = False
        self.helper = helper
        self.depth = depth
        self.loops: list[tuple[set[int], set[int]]] = []
        """(counts at ``break``, counts at ``continue``) of each enclosing loop."""

    def block(self, body: Sequence[ast.stmt], counts: set[int]) -> set[int]:
        for stmt in body:
            if not counts:
                break
            counts = self.statement(stmt, counts)
        return counts

    def statement(self, stmt: ast.stmt, counts: set[int]) -> set[int]:
        match stmt:
            case ast.Return(value=value):
                ending = self.after(counts, value)
                self.returns |= ending
                if ending - {1}:
                    self.uneven.append((stmt.lineno, min(ending - {1})))
                return set()
            case ast.Raise():
                return set()
            case ast.If(test=test):
                counts = self.after(counts, test)
                taken = self.decide(test) if self.decide is not None else None
                if taken is None and isinstance(test, ast.Constant):
                    taken = bool(test.value)
                if taken is not None:
                    return self.block(stmt.body if taken else stmt.orelse, counts)
                return self.block(stmt.body, counts) | self.block(stmt.orelse, counts)
            case ast.While(test=test):
                forever = isinstance(test, ast.Constant) and bool(test.value)
                return self.loop(stmt, self.after(counts, test), test, forever=forever)
            case ast.For() | ast.AsyncFor():
                counts = self.after(counts, stmt.iter)
                times = _iterations(stmt.iter)
                if times is not None and not stmt.orelse and not _jumps(stmt.body):
                    for _ in range(min(times, _MANY + 1)):  # counts saturate at _MANY
                        counts = self.block(stmt.body, counts)
                    return counts
                return self.loop(stmt, counts, None, forever=False)
            case ast.Try() | ast.TryStar():
                body = self.block(stmt.body, counts)
                most = min(_count(stmt.body), _MANY)
                least = 1 if self.thrown_at_yield and most else 0
                raised = {min(c + k, _MANY) for c in counts for k in range(least, most + 1)}
                handled = set().union(*(self.block(h.body, raised) for h in stmt.handlers))
                done = self.block(stmt.orelse, body) | handled
                return self.block(stmt.finalbody, done) if stmt.finalbody else done
            case ast.With() | ast.AsyncWith():
                for item in stmt.items:
                    counts = self.after(counts, item.context_expr)
                return self.block(stmt.body, counts)
            case ast.Match(subject=subject):
                counts = self.after(counts, subject)
                out = set().union(*(self.block(c.body, counts) for c in stmt.cases))
                return out | counts
            case ast.Break():
                self.loops[-1][0].update(counts)
                return set()
            case ast.Continue():
                self.loops[-1][1].update(counts)
                return set()
            case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                return counts
        return self.after(counts, stmt)

    def loop(
        self,
        stmt: ast.While | ast.For | ast.AsyncFor,
        counts: set[int],
        test: ast.expr | None,
        *,
        forever: bool,
    ) -> set[int]:
        breaks: set[int] = set()
        entry = set(counts)
        for _ in range(2 * _MANY + 2):
            again: set[int] = set()
            self.loops.append((breaks, again))
            again |= self.block(stmt.body, entry)
            self.loops.pop()
            grown = entry | self.after(again, test)
            if grown == entry:
                break
            entry = grown
        exhausted = set() if forever else self.block(stmt.orelse, entry)
        return exhausted | breaks

    def after(self, counts: set[int], node: ast.AST | None) -> set[int]:
        """``counts`` once ``node``'s own expressions have run."""
        if node is None:
            return counts
        yields = 0
        delegated: list[set[int]] = []
        for sub in _expression_nodes(node):
            if isinstance(sub, ast.YieldFrom) and (inner := self.delegate(sub)) is not None:
                delegated.append(inner)
            elif isinstance(sub, ast.YieldFrom | ast.IfExp | ast.BoolOp | ast.comprehension):
                self.unknown = self.unknown or _count_node(sub) > 0
            elif isinstance(sub, ast.Yield):
                yields += 1
        counts = {min(c + yields, _MANY) for c in counts}
        for inner in delegated:
            counts = {min(c + k, _MANY) for c in counts for k in inner}
        return counts

    def delegate(self, node: ast.YieldFrom) -> set[int] | None:
        """How many times ``yield from helper()`` yields: the helper generator's own counts."""
        call = node.value
        if not (
            self.helper is not None
            and isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and not any(_count_node(a) for a in (*call.args, *call.keywords))
        ):
            return None
        fn = self.helper(call.func.id)
        if not isinstance(fn, ast.FunctionDef) or fn.decorator_list or not _count(fn.body):
            return None
        return yield_counts(fn, self.helper, self.depth + 1)


def _iterations(iterable: ast.expr) -> int | None:
    """How many times a ``for`` runs over ``range(<constants>)`` or a literal tuple/list."""
    if isinstance(iterable, ast.Tuple | ast.List) and not any(
        isinstance(e, ast.Starred) for e in iterable.elts
    ):
        return len(iterable.elts)
    if (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "range"
        and not iterable.keywords
        and 1 <= len(iterable.args) <= 3
        and all(isinstance(a, ast.Constant) and type(a.value) is int for a in iterable.args)
    ):
        bounds = [
            a.value
            for a in iterable.args
            if isinstance(a, ast.Constant) and isinstance(a.value, int)
        ]
        try:
            return len(range(*bounds))
        except ValueError:
            return None
    return None


def _jumps(body: Sequence[ast.stmt]) -> bool:
    """``break``/``continue``/``return``/``raise`` anywhere in ``body`` (nested scopes excluded)."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Break | ast.Continue | ast.Return | ast.Raise | ast.Try):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return False


def _expression_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and its sub-nodes, not the statements of bodies nor nested scopes."""
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        yield current
        for name, value in ast.iter_fields(current):
            if name in ("body", "orelse", "finalbody", "handlers", "cases"):
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if isinstance(child, ast.AST) and not isinstance(child, ast.stmt):
                    stack.append(child)


def _count_node(node: ast.AST) -> int:
    return sum(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(node))


def _count(body: Sequence[ast.stmt]) -> int:
    """Yield expressions in ``body``, nested scopes excluded."""
    total = 0
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            total += 1
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return total


_OLD_RESULT = ("get_result", "force_result", "force_exception", "excinfo")
"""``pluggy.Result`` members: what an old-style hookwrapper's ``outcome = yield`` offers."""


def old_result_uses(fn: Function | ast.Lambda) -> list[ast.Attribute]:
    """``outcome.get_result()`` where ``outcome`` is what a ``yield`` received (or on the
    ``yield`` itself): the old hookwrapper protocol."""
    if isinstance(fn, ast.Lambda):
        return []
    received = {
        target.id
        for node in own_nodes(fn)
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Yield)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    return [
        node
        for node in own_nodes(fn)
        if isinstance(node, ast.Attribute)
        and node.attr in _OLD_RESULT
        and (
            isinstance(node.value, ast.Yield)
            or (isinstance(node.value, ast.Name) and node.value.id in received)
        )
    ]


_RESULT_MEMBERS = frozenset({*_OLD_RESULT, "exception", "from_call"})
"""What ``pluggy.Result`` offers (names starting with ``_`` are not judged)."""


LIST_MEMBERS = frozenset(n for n in dir(list) if not n.startswith("_"))
"""What the list a new-style wrapper of a hook without ``firstresult`` receives offers."""


def result_as_value_uses(
    fn: Function | ast.Lambda, members: frozenset[str] = _RESULT_MEMBERS
) -> list[ast.Attribute]:
    """In an old-style hookwrapper, ``outcome.<member>`` that ``pluggy.Result`` lacks (or,
    given ``members``, what the received value lacks), where
    ``outcome = yield`` is a top-level statement, the use is in a later top-level statement
    that always runs (no ``if``, ``try``, ``with`` or loop between), and nothing else binds
    ``outcome``: the wrapper takes the Result for the hook's result (``result.append(...)``)."""
    return [
        node
        for node, received in _after_received(fn)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in received
        and not node.attr.startswith("_")
        and node.attr not in members
    ]


def result_in_arithmetic(fn: Function | ast.Lambda) -> list[ast.BinOp]:
    """``outcome + 1`` (any binary operator) where ``outcome`` is what ``yield`` received in
    an old-style hookwrapper, read as :func:`result_as_value_uses` reads uses: a
    ``pluggy.Result`` supports no operator, so it raises TypeError."""
    return [
        node
        for node, received in _after_received(fn)
        if isinstance(node, ast.BinOp)
        and any(isinstance(o, ast.Name) and o.id in received for o in (node.left, node.right))
    ]


def _after_received(fn: Function | ast.Lambda) -> Iterator[tuple[ast.AST, set[str]]]:
    """The nodes of the top-level statements that always run after ``name = yield`` (with
    ``name`` bound nowhere else), up to a nested function, and the names so received."""
    if isinstance(fn, ast.Lambda):
        return
    stores: dict[str, int] = {}
    for node in own_nodes(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
    received: set[str] = set()
    for stmt in fn.body:
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Yield)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stores.get(stmt.targets[0].id) == 1
        ):
            received.add(stmt.targets[0].id)
            continue
        if not received:
            continue
        if not isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.AugAssign | ast.Return):
            return
        for node in ast.walk(stmt):
            if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                break
            yield node, received
