"""A ``threading.Thread`` the plugin keeps in an attribute, followed through the host's calls
(``__init__`` when the factory makes it, then ``init``, ``run``, ``shutdown``, each once): a
``join()`` before any ``start()`` raises RuntimeError("cannot join thread before it is
started"), a second ``start()`` RuntimeError("threads can only be started once"). PC517 in
``rules/factory.py`` reports it at that call, for that method.

Only what is certain is judged: the attribute is bound once, by ``self.X = threading.Thread(...)``
in the class's own ``__init__`` (a class with no bases), and nothing else in the module names
``X`` but straight-line ``self.X.start()`` / ``self.X.join(...)`` calls every run of a lifecycle
method reaches (reached.certain), also inside a helper method such a call reaches (``init``
calls ``self._start_worker()``, which starts it) when nothing else names that helper, and reads
of other members (``self.X.is_alive()``); a call of ``start``/``join`` in a branch, or any other
use, leaves the thread's state unknown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.rules.straight_code import certain_nodes
from plugcheck.static.syntax import dotted_name

_ORDER = ("__init__", "init", "run", "shutdown")
"""What the host runs on the plugin, in order, once each."""


@dataclass(frozen=True, slots=True)
class Misuse:
    step: str
    call: ast.Call
    message: str


def thread_misuse(cls: ast.ClassDef, tree: ast.Module) -> Misuse | None:
    """The first ``start``/``join`` of a kept thread that raises in the host's calls."""
    if cls.bases or cls.keywords or cls.decorator_list:
        return None
    methods = {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef)}
    init = methods.get("__init__")
    if init is None:
        return None
    for attr in _threads(init, _thread_names(tree)):
        found = _follow(attr, methods, tree)
        if found is not None:
            return found if found.step != "__init__" else None  # the factory's call fails
    return None


def _thread_names(tree: ast.Module) -> set[str]:
    """How the module spells ``threading.Thread``."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {f"{a.asname or a.name}.Thread" for a in node.names if a.name == "threading"}
        elif isinstance(node, ast.ImportFrom) and node.module == "threading" and not node.level:
            names |= {a.asname or a.name for a in node.names if a.name == "Thread"}
    return names


def _threads(init: ast.FunctionDef, spellings: set[str]) -> Iterator[str]:
    """Attributes ``__init__``'s straight-line code binds to a new thread."""
    for stmt in init.body:
        if not isinstance(stmt, ast.Assign | ast.Expr | ast.Pass):
            return
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and _self_attr(stmt.targets[0]) is not None
            and isinstance(stmt.value, ast.Call)
            and (dotted_name(stmt.value.func) or "") in spellings
        ):
            yield str(_self_attr(stmt.targets[0]))


def _self_attr(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id == "self" else None
    return None


def _follow(attr: str, methods: dict[str, ast.FunctionDef], tree: ast.Module) -> Misuse | None:
    steps = {name: _certain_calls(methods[name], methods) for name in _ORDER if name in methods}
    sure = {
        id(call.func.value)
        for calls in steps.values()
        for _, call in calls.calls
        if isinstance(call.func, ast.Attribute)
    }
    helped = {id(site) for calls in steps.values() for site in calls.sites}
    named = {n for calls in steps.values() for n in calls.helpers}
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    binding = 0
    for node in ast.walk(tree):
        if _names(node, named) and id(node) not in helped:
            return None  # a helper also called elsewhere, or handed on: its calls are unknown
        if not isinstance(node, ast.Attribute) or node.attr != attr:
            continue
        if not isinstance(node.ctx, ast.Load):
            binding += 1
            continue
        if id(node) in sure:
            continue
        if _member_read(node, parents):
            continue
        return None  # the thread escapes, or is started/joined where source cannot follow
    if binding != 1:
        return None
    started = False
    for step, calls in steps.items():
        for _, call in sorted(calls.calls, key=lambda c: c[0]):
            assert isinstance(call.func, ast.Attribute)
            if _self_attr(call.func.value) != attr:
                continue
            if call.func.attr == "start":
                if started:
                    return Misuse(step, call, "threads can only be started once")
                started = True
            elif not started:
                return Misuse(step, call, "cannot join thread before it is started")
    return None


@dataclass(slots=True)
class _Calls:
    """The ``self.X.start()`` / ``self.X.join(...)`` calls every run of a method reaches, with
    the position of each in the run (helper calls followed in place), and the helpers
    followed: their call sites (``self.helper``) and names."""

    calls: list[tuple[tuple[int, ...], ast.Call]]
    sites: list[ast.Attribute]
    helpers: set[str]


def _certain_calls(
    method: ast.FunctionDef, methods: dict[str, ast.FunctionDef], depth: int = 0
) -> _Calls:
    """What every run of ``method`` reaches: a ``self.helper()`` of the class (a method the host
    does not call itself, taking only ``self``) is followed where it is called (a thread started
    in a function ``init`` calls), three deep at most."""
    found = _Calls([], [], set())
    for node in certain_nodes(method):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        at = (node.lineno, node.col_offset)
        if (
            node.func.attr in ("start", "join")
            and isinstance(node.func.value, ast.Attribute)
            and _self_attr(node.func.value) is not None
        ):
            found.calls.append((at, node))
        helper = methods.get(_self_attr(node.func) or "")
        if helper is None or helper.name in _ORDER or node.args or node.keywords:
            continue
        if depth >= 3 or [a.arg for a in helper.args.args] != ["self"]:
            continue
        inner = _certain_calls(helper, methods, depth + 1)
        found.calls += [((*at, *key), call) for key, call in inner.calls]
        found.sites += [node.func, *inner.sites]
        found.helpers |= {helper.name, *inner.helpers}
    return found


def _names(node: ast.AST, helpers: set[str]) -> bool:
    """``node`` names one of ``helpers`` (``self.helper``, ``helper``), not its ``def``."""
    if isinstance(node, ast.Attribute):
        return node.attr in helpers
    return isinstance(node, ast.Name) and node.id in helpers


def _member_read(node: ast.Attribute, parents: dict[int, ast.AST]) -> bool:
    """``self.X.<member>`` read (not called as start/join): ``self.X.is_alive()``, ``.name``."""
    parent = parents.get(id(node))
    return (
        isinstance(parent, ast.Attribute)
        and parent.attr not in ("start", "join", "run")
        and _self_attr(node) is not None
    )
