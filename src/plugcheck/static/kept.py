"""Which module-scope binding of a name Python keeps on the target: the last one in the source,
unless it sits in a branch the target never takes (``if sys.version_info < (3,):``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.environment import Environment
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.branches import PLAIN_IMPORTS, decide
from plugcheck.static.index import Resolved
from plugcheck.static.parse import is_main_guard, is_type_checking


def branch_states(
    body: list[ast.stmt], env: Environment, state: str = "runs", nested: bool = False
) -> Iterator[tuple[ast.stmt, str, bool]]:
    """Module-scope statements, each with ``runs`` (certainly), ``dead`` (in a branch the target
    certainly does not take, or under ``if TYPE_CHECKING:``) or ``maybe`` (also in a ``try``,
    ``try*``, ``with`` or ``match`` block), and whether it is inside an ``if`` or a ``match``
    case (mypy judges the first definition of a name, not one there)."""
    target = env_target(env)
    for stmt in body:
        match stmt:
            case ast.If():
                taken = decide(stmt.test, PLAIN_IMPORTS, target)
                if is_type_checking(stmt.test) or is_main_guard(stmt.test):
                    taken = False
                for branch, kept in ((stmt.body, True), (stmt.orelse, False)):
                    sub = state
                    if state != "dead":
                        sub = "maybe" if taken is None else ("runs" if taken is kept else "dead")
                        sub = "maybe" if state == "maybe" and sub == "runs" else sub
                    yield from branch_states(branch, env, sub, True)
            case ast.Try() | ast.TryStar() | ast.With():
                parts = [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
                for handler in getattr(stmt, "handlers", []):
                    parts.extend(handler.body)
                yield from branch_states(parts, env, "dead" if state == "dead" else "maybe", nested)
            case ast.Match():
                # Which case matches is the run's to decide: each body may run (mypy judges
                # the first definition of a name, as for an `if`).
                for case in stmt.cases:
                    sub = "dead" if state == "dead" else "maybe"
                    yield from branch_states(case.body, env, sub, True)
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
