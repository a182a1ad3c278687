"""A ``threading.Thread`` the plugin keeps in an attribute, followed through the host's calls
(``__init__`` when the factory makes it, then ``init``, ``run``, ``shutdown``, each once): a
``join()`` before any ``start()`` raises RuntimeError("cannot join thread before it is
started"), a second ``start()`` RuntimeError("threads can only be started once"). PC517 in
``rules/factory.py`` reports it at that call, for that method.

Only what is certain is judged: the attribute is bound once, by ``self.X = threading.Thread(...)``
in the class's own ``__init__`` (a class with no bases), and nothing else in the module names
``X`` but straight-line ``self.X.start()`` / ``self.X.join(...)`` calls every run of a lifecycle
method reaches (reached.certain) and reads of other members (``self.X.is_alive()``); a call of
``start``/``join`` in a branch, or any other use, leaves the thread's state unknown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.rules.reached import certain, shallow
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
    sure = {id(n) for name in _ORDER if name in methods for n in _certain_calls(methods[name])}
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    binding = 0
    for node in ast.walk(tree):
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
    for step in _ORDER:
        method = methods.get(step)
        if method is None:
            continue
        for call in _calls_in_order(method, attr):
            assert isinstance(call.func, ast.Attribute)
            if call.func.attr == "start":
                if started:
                    return Misuse(step, call, "threads can only be started once")
                started = True
            elif not started:
                return Misuse(step, call, "cannot join thread before it is started")
    return None


def _certain_calls(method: ast.FunctionDef) -> Iterator[ast.Attribute]:
    """The ``self.X`` of ``self.X.start()`` / ``self.X.join(...)`` every run reaches."""
    for part in certain(method.body):
        for node in shallow(part):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("start", "join")
                and isinstance(node.func.value, ast.Attribute)
                and _self_attr(node.func.value) is not None
            ):
                yield node.func.value


def _calls_in_order(method: ast.FunctionDef, attr: str) -> list[ast.Call]:
    calls = [
        node
        for part in certain(method.body)
        for node in shallow(part)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("start", "join")
        and _self_attr(node.func.value) == attr
    ]
    return sorted(calls, key=lambda c: (c.lineno, c.col_offset))


def _member_read(node: ast.Attribute, parents: dict[int, ast.AST]) -> bool:
    """``self.X.<member>`` read (not called as start/join): ``self.X.is_alive()``, ``.name``."""
    parent = parents.get(id(node))
    return (
        isinstance(parent, ast.Attribute)
        and parent.attr not in ("start", "join", "run")
        and _self_attr(node) is not None
    )
