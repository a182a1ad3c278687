"""A dataclass's ``__post_init__`` that fails every time the class is made, read from source
for PC210: it raises on every call, assigns an attribute of a frozen dataclass (its
``__setattr__`` raises FrozenInstanceError) or calls ``super().__post_init__()`` where no base
has one (AttributeError), in the straight-line statements it starts with."""

from __future__ import annotations

import ast

from plugcheck.rules.dataclass_init import dataclass_options
from plugcheck.rules.factory import _always_raises
from plugcheck.rules.instance_state import Chain

_STRAIGHT = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)
"""Statements that run one after the other (any may raise, none leaves early)."""


def post_init_refusal(found: Chain) -> tuple[ast.stmt, str] | None:
    """Where and why making the chain's class fails in its own ``__post_init__``: the class
    is a dataclass whose one decorator is ``@dataclass`` (its ``__init__`` calls
    ``__post_init__`` with no argument but ``self``, no ``InitVar`` field passed)."""
    cls = found.classes[0]
    options = dataclass_options(cls.module, cls.node)
    if options is None or len(cls.node.decorator_list) != 1 or options.get("init") is False:
        return None
    post = next(
        (
            s
            for s in cls.node.body
            if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == "__post_init__"
        ),
        None,
    )
    args = post.args if isinstance(post, ast.FunctionDef) else None
    if post is None or post.decorator_list or args is None or len(args.args) != 1:
        return None
    raised = _always_raises(post)
    if raised is not None:
        return raised, f"__post_init__ raises on every call (`{ast.unparse(raised)[:50]}`)"
    self = args.args[0].arg
    for stmt in post.body:
        if not isinstance(stmt, _STRAIGHT):
            return None
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
        stored = [
            t.attr
            for t in targets
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == self
        ]
        if stored and options.get("frozen") is True:
            return stmt, (
                f"__post_init__ assigns self.{stored[0]} in a frozen dataclass: FrozenInstanceError"
            )
        if _super_post_init(stmt) and found.complete and _no_base_post_init(found):
            return stmt, (
                "__post_init__ calls super().__post_init__(), which no base defines: AttributeError"
            )
    return None


def _super_post_init(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and isinstance(stmt.value.func, ast.Attribute)
        and stmt.value.func.attr == "__post_init__"
        and isinstance(stmt.value.func.value, ast.Call)
        and isinstance(stmt.value.func.value.func, ast.Name)
        and stmt.value.func.value.func.id == "super"
    )


def _no_base_post_init(found: Chain) -> bool:
    """No class after the first in the (complete) chain binds ``__post_init__``, and none
    is decorated (a decorator may add it)."""
    for cls in found.classes[1:]:
        if cls.node.decorator_list or cls.node.keywords:
            return False
        for stmt in cls.node.body:
            names = (
                [stmt.name]
                if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
                else [t.id for t in getattr(stmt, "targets", []) if isinstance(t, ast.Name)]
            )
            if "__post_init__" in names:
                return False
    return True
