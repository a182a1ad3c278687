"""Which module-scope binding of a name Python keeps on the target: the last one in the source,
unless it sits in a branch the target never takes (``if sys.version_info < (3,):``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.environment import Environment
from plugcheck.static.bindings import Binding
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.branches import decide, module_scope
from plugcheck.static.index import Resolved
from plugcheck.static.parse import is_main_guard, is_type_checking


def branch_states(
    body: list[ast.stmt],
    env: Environment,
    state: str = "runs",
    nested: bool = False,
    scope: dict[str, Binding] | None = None,
) -> Iterator[tuple[ast.stmt, str, bool]]:
    """Module-scope statements, each with ``runs`` (certainly), ``dead`` (in a branch the target
    certainly does not take, or under ``if TYPE_CHECKING:``) or ``maybe`` (also in a ``try``,
    ``try*``, ``with`` or ``match`` block), and whether it is inside an ``if`` or a ``match``
    case (mypy judges the first definition of a name, not one there)."""
    target = env_target(env)
    if scope is None:  # the module's body: its names of os, sys and its constants
        scope = module_scope(body)
    for stmt in body:
        match stmt:
            case ast.If():
                taken = decide(stmt.test, scope, target)
                if is_type_checking(stmt.test) or is_main_guard(stmt.test):
                    taken = False
                for branch, kept in ((stmt.body, True), (stmt.orelse, False)):
                    sub = state
                    if state != "dead":
                        sub = "maybe" if taken is None else ("runs" if taken is kept else "dead")
                        sub = "maybe" if state == "maybe" and sub == "runs" else sub
                    yield from branch_states(branch, env, sub, True, scope)
            case ast.Try() | ast.TryStar() | ast.With():
                parts = [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
                for handler in getattr(stmt, "handlers", []):
                    parts.extend(handler.body)
                sub = "dead" if state == "dead" else "maybe"
                yield from branch_states(parts, env, sub, nested, scope)
            case ast.Match():
                # Which case matches is the run's to decide: each body may run (mypy judges
                # the first definition of a name, as for an `if`).
                for case in stmt.cases:
                    sub = "dead" if state == "dead" else "maybe"
                    yield from branch_states(case.body, env, sub, True, scope)
            case _:
                yield stmt, state, nested


def kept_line(found: Resolved, env: Environment) -> int:
    """The line of the binding of ``found``'s name that Python keeps on the target: the symbol
    table's (the last in the source), unless that one sits in a branch the target never takes
    (``if sys.version_info < (3,):``), then the last binding before it outside such branches."""
    tree = found.module.tree
    if tree is None:
        return found.symbol.line
    states = list(branch_states(tree.body, env))
    named = [(s, state) for s, state, _ in states if found.symbol.name in _bound_names(s)]
    if not any(stmt.lineno == found.symbol.line and state == "dead" for stmt, state in named):
        return found.symbol.line
    alive = [stmt for stmt, state in named if state != "dead"]
    return alive[-1].lineno if alive else found.symbol.line


def _bound_names(stmt: ast.stmt) -> list[str]:
    match stmt:
        case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name) | ast.ClassDef(name=name):
            return [name]
        case ast.Assign(targets=targets):
            return [t.id for t in targets if isinstance(t, ast.Name)]
        case ast.AnnAssign(target=ast.Name(id=name), value=value) if value is not None:
            return [name]
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            return [a.asname or a.name.partition(".")[0] for a in aliases]
    return []


def only_dead(found: Resolved, env: Environment) -> int | None:
    """The line of the last binding of ``found``'s name when every module-scope binding of it
    sits in a branch the target never takes (``if sys.platform == "win32": def new():``, or an
    environment variable the host does not pass): the module never binds it there. ``None``
    when one may run, or the name is bound in a way this does not read."""
    tree = found.module.tree
    if tree is None or not found.symbol.conditional:
        return None
    named = [
        (stmt, state)
        for stmt, state, _ in branch_states(tree.body, env)
        if found.symbol.name in _bound_names(stmt)
    ]
    if not named or any(state != "dead" for _, state in named):
        return None
    if found.symbol.line not in {stmt.lineno for stmt, _ in named}:
        return None  # the symbol table's binding is one this does not read (a loop, a with)
    return named[-1][0].lineno
