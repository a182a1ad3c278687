"""One ``functools.cached_property`` bound to two names of a class body, for PC515
(``rules.class_creation``): ``type`` calls its ``__set_name__`` for each name, and the second
call raises ``TypeError: Cannot assign the same cached_property to two different names`` (before
Python 3.12 wrapped in ``RuntimeError: Error calling __set_name__``) at the class statement.

``title = label`` after ``@cached_property def label``: an alias a reader takes for harmless.
Judged for a class body of plain statements (no loop, ``if`` or ``del``; nothing writing
``locals()``), where each name's last binding is what the class gets.
"""

from __future__ import annotations

import ast

from plugcheck.rules.factory import _SIMPLE
from plugcheck.static.applied import origin_of
from plugcheck.static.bindings import Binding
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import target_names

_CACHED = frozenset({"functools.cached_property"})


def shared_cached_property(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, str] | None:
    """(the name a cached_property is made under, the later name bound to that same object)."""
    last: dict[str, tuple[int, ast.stmt]] = {}
    for index, item in enumerate(stmt.body):
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            last[item.name] = (index, item)
        elif isinstance(item, ast.Import | ast.ImportFrom):
            last.update({(a.asname or a.name).partition(".")[0]: (index, item) for a in item.names})
        elif isinstance(item, _SIMPLE):
            targets = item.targets if isinstance(item, ast.Assign) else []
            if isinstance(item, ast.AnnAssign | ast.AugAssign):
                targets = [item.target]
            last.update({n: (index, item) for t in targets for n in target_names(t)})
        else:
            return None
    if any(isinstance(n, ast.Name) and n.id in ("locals", "vars") for n in ast.walk(stmt)):
        return None
    scope = ns.module(info)
    for alias, (at, item) in last.items():
        if not (
            isinstance(item, ast.Assign)
            and len(item.targets) == 1
            and isinstance(item.targets[0], ast.Name)
            and isinstance(item.value, ast.Name)
            and item.value.id in last
        ):
            continue
        made_at, made = last[item.value.id]
        if made_at < at and _cached_property(ns, info, made, scope):
            return item.value.id, alias
    return None


def _cached_property(
    ns: Namespaces, info: ModuleInfo, item: ast.stmt, scope: dict[str, Binding]
) -> bool:
    """Whether the statement binds its name to a new ``functools.cached_property``."""
    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
        if len(item.decorator_list) != 1:
            return False
        made = item.decorator_list[0]
    elif isinstance(item, ast.Assign) and isinstance(item.value, ast.Call):
        made = item.value.func
    else:
        return False
    return origin_of(ns.value(info, made, scope), "") in _CACHED
