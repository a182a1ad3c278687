"""Module-level work behind a plugin's own environment switch (``if MULTIPYTHON_DEBUG:``).

A branch taken only when an environment variable named after the plugin is set runs on no
default host run: the user who sets the variable asks for it (virtualenv-multipython's
``MULTIPYTHON_DEBUG`` turns on its debug logging). A variable of the host's own name, or one
of no particular owner (``CI``, ``TERM``), is no such switch.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator, Sequence

from plugcheck.model import Contract, Plugin
from plugcheck.static.parse import ModuleInfo, canonical_name, dotted_name

_GETS = {"os.environ.get", "os.getenv"}
_OFF = (None, False, "", 0)
"""Defaults of ``os.environ.get(name, default)`` that leave the branch untaken when unset."""


def _words(name: str | None) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", (name or "").lower()) if len(w) >= 4}


def _owned_words(plugin: Plugin, contract: Contract) -> set[str]:
    """Words of the plugin's own names, less the host's (``virtualenv`` in
    ``virtualenv_multipython`` is the host's word)."""
    ep = plugin.entry_point
    own = _words(plugin.module.partition(".")[0]) | _words(
        plugin.project.name if plugin.project else None
    )
    own |= _words(ep.distribution if ep else None)
    host = _words(contract.api_distribution) | _words(contract.api)
    host |= _words(contract.entry_point_group) | _words(contract.name)
    for package in contract.options.get("host-packages", ()) or ():
        host |= _words(str(package))
    return own - host


def _env_read(info: ModuleInfo, expr: ast.expr) -> str | None:
    """The variable whose being set ``expr`` needs to be true: ``os.environ.get("X")`` (a
    default that is false), ``os.getenv("X")``, ``"X" in os.environ``, ``bool(...)`` of one."""
    if (
        isinstance(expr, ast.Call)
        and dotted_name(expr.func) == "bool"
        and len(expr.args) == 1
        and not expr.keywords
    ):
        return _env_read(info, expr.args[0])
    if isinstance(expr, ast.Call) and not expr.keywords and 1 <= len(expr.args) <= 2:
        func = dotted_name(expr.func)
        name = canonical_name(func, info.symbols) if func else None
        key = expr.args[0]
        default = expr.args[1] if len(expr.args) == 2 else ast.Constant(None)
        if (
            name in _GETS
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and isinstance(default, ast.Constant)
            and default.value in _OFF
        ):
            return key.value
    if (
        isinstance(expr, ast.Compare)
        and len(expr.ops) == 1
        and isinstance(expr.ops[0], ast.In)
        and isinstance(expr.left, ast.Constant)
        and isinstance(expr.left.value, str)
    ):
        right = dotted_name(expr.comparators[0])
        if right and canonical_name(right, info.symbols) == "os.environ":
            return expr.left.value
    return None


def _switch_of(info: ModuleInfo, test: ast.expr) -> Iterator[str]:
    """Variables each of which must be set for ``test`` to hold; a module-level name bound
    once to such a read is followed (``DEBUG = bool(os.environ.get("X"))``)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        for value in test.values:
            yield from _switch_of(info, value)
        return
    if isinstance(test, ast.Name):
        bound = [
            stmt
            for stmt in ast.walk(info.tree)
            if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign)
            and any(
                isinstance(t, ast.Name) and t.id == test.id
                for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
            )
        ]
        if len(bound) == 1 and isinstance(bound[0], ast.Assign) and bound[0].value is not None:
            test = bound[0].value
    found = _env_read(info, test)
    if found:
        yield found


def _holding(body: Sequence[ast.stmt], line: int) -> list[ast.stmt]:
    """The statements of ``body`` (in source order) whose lines hold ``line``: a search, not a
    scan, since this runs once per statement of a module (red team red27: quadratic before)."""
    last = bisect.bisect_right(body, line, key=lambda s: s.lineno)
    first = last
    while first > 0 and (body[first - 1].end_lineno or body[first - 1].lineno) >= line:
        first -= 1  # `a; b` share a line
    return list(body[first:last])


def _guards(body: Sequence[ast.stmt], line: int) -> Iterator[ast.expr]:
    """Tests of the module-level ``if`` branches whose body holds ``line``."""
    for stmt in _holding(body, line):
        if isinstance(stmt, ast.If):
            if any(s.lineno <= line <= (s.end_lineno or s.lineno) for s in stmt.body):
                yield stmt.test
                yield from _guards(stmt.body, line)
            else:
                yield from _guards(stmt.orelse, line)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            for part in (stmt.body, stmt.orelse, stmt.finalbody, *(h.body for h in stmt.handlers)):
                yield from _guards(part, line)
        elif isinstance(stmt, ast.With | ast.AsyncWith | ast.For | ast.While):
            yield from _guards(stmt.body, line)


def own_switch(info: ModuleInfo, line: int, plugin: Plugin, contract: Contract) -> str | None:
    """The environment variable named after the plugin that must be set for the module-level
    statement at ``line`` to run, or ``None``."""
    if info.tree is None:
        return None
    owned = _owned_words(plugin, contract)
    for test in _guards(info.tree.body, line):
        for variable in _switch_of(info, test):
            if _words(variable) & owned:
                return variable
    return None
