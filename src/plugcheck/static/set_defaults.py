"""Defaults a module sets on its own functions after the ``def``: ``f.__defaults__ = (None,)``,
``C.m.__kwdefaults__ = {"strict": False}``, or ``= None``, at the top level.

Python calls the function with the defaults its attributes hold when the call happens, and
pluggy's ``varnames`` reads them through ``inspect.signature``: a parameter that got a default
is one pluggy neither checks against the hookspec nor passes, one that lost it is required.
:func:`apply` writes the literal values into the ``def``'s parameters in the tree, so every
rule that reads a signature from source reads the one Python calls. A value source does not
read (a name, a call) leaves the ``def`` as written.
"""

from __future__ import annotations

import ast

from plugcheck.static.syntax import dotted_name

Function = ast.FunctionDef | ast.AsyncFunctionDef
ATTRIBUTES = ("__defaults__", "__kwdefaults__")


def apply(tree: ast.Module) -> None:
    """Apply each top-level ``<def>.__defaults__``/``__kwdefaults__ = <literal>`` to the
    ``def`` the dotted name holds at that point (a module function or a class's method)."""
    defs: dict[str, Function] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            defs[stmt.name] = stmt
            continue
        if isinstance(stmt, ast.ClassDef):
            _forget(defs, stmt.name)
            for member in stmt.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    defs[f"{stmt.name}.{member.name}"] = member
            continue
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(target, ast.Attribute)
            and target.attr in ATTRIBUTES
        ):
            fn = defs.get(dotted_name(target.value) or "")
            if fn is not None:
                _set(fn, target.attr, stmt.value)
            continue
        for name in _rebound(stmt):
            _forget(defs, name)


def _rebound(stmt: ast.stmt) -> set[str]:
    """Names a top-level statement may bind to something else (so a later ``name.__defaults__``
    is not the ``def``'s): every name stored, deleted, imported or defined anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names.update(node.names)
    return names


def _forget(defs: dict[str, Function], name: str) -> None:
    for key in [k for k in defs if k == name or k.startswith(f"{name}.")]:
        del defs[key]


def _set(fn: Function, attribute: str, value: ast.expr) -> None:
    args = fn.args
    if attribute == "__defaults__":
        positional = len(args.posonlyargs) + len(args.args)
        if isinstance(value, ast.Constant) and value.value is None:
            args.defaults = []
        elif (
            isinstance(value, ast.Tuple)
            and len(value.elts) <= positional
            and not any(isinstance(e, ast.Starred) for e in value.elts)
        ):
            args.defaults = list(value.elts)
        return
    if isinstance(value, ast.Constant) and value.value is None:
        args.kw_defaults = [None] * len(args.kwonlyargs)
    elif isinstance(value, ast.Dict):
        given: dict[str, ast.expr] = {}
        for key, default in zip(value.keys, value.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return  # a ``**`` splat or a computed key: not read
            given[key.value] = default
        args.kw_defaults = [given.get(a.arg) for a in args.kwonlyargs]


def set_on(tree: ast.Module, name: str) -> str | None:
    """Which of ``__defaults__``/``__kwdefaults__`` a top-level statement of ``tree`` sets on
    ``name`` (``new``, ``Worker.init``), if any: what mypy, which reads the ``def``, does not
    see."""
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in ATTRIBUTES
                    and dotted_name(target.value) == name
                ):
                    return target.attr
    return None
