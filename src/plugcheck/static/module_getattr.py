"""The names a module-level ``__getattr__`` (PEP 562) answers, when its body says them.

Libraries define one to warn about deprecated names (Flask 3.1's answers ``__version__`` only,
then ``raise AttributeError(name)``): every other name is missing, as if there were none.
Readable bodies: a docstring, ``if name == "X":`` / ``if name in ("X", "Y")`` / ``if name in
_TABLE`` (a module-level dict, set, list or tuple literal of strings) blocks, and a final
unconditional ``raise AttributeError(...)``. Anything else answers names plugcheck cannot list.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import module_statements, node_at, resolve_dotted


def answered_names(module: ModuleInfo) -> frozenset[str] | None:
    """The names ``module``'s ``__getattr__`` can return for; ``None``: not readable."""
    symbol = module.symbols.get("__getattr__")
    node = node_at(module, symbol.line) if symbol is not None else None
    if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
        return None
    param = node.args.args[0].arg
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body or not _raises_attribute_error(body[-1]):
        return None
    names: set[str] = set()
    for stmt in body[:-1]:
        if not isinstance(stmt, ast.If) or stmt.orelse:
            return None
        found = _tested(stmt.test, param, module)
        if found is None:
            return None
        names |= found
    return frozenset(names)


def _raises_attribute_error(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.Raise) or stmt.exc is None:
        return False
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    return isinstance(exc, ast.Name) and exc.id == "AttributeError"


def _tested(test: ast.expr, param: str, module: ModuleInfo) -> set[str] | None:
    if not (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == param
        and len(test.ops) == 1
    ):
        return None
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, ast.Eq):
        return _strings([right])
    if not isinstance(op, ast.In):
        return None
    if isinstance(right, ast.Name):
        right = _literal(module, right.id)  # type: ignore[assignment]
        if right is None:
            return None
    if isinstance(right, ast.Dict):
        return _strings([k for k in right.keys if k is not None], len(right.keys))
    if isinstance(right, ast.Tuple | ast.List | ast.Set):
        return _strings(right.elts)
    return None


def _strings(nodes: list[ast.expr], expected: int | None = None) -> set[str] | None:
    found = {n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    count = len(nodes) if expected is None else expected
    return found if len(found) == len({id(n) for n in nodes}) == count else None


def _literal(module: ModuleInfo, name: str) -> ast.expr | None:
    """The literal a module-level name is bound to once (``_DEPRECATED = {...}``)."""
    if module.tree is None:
        return None
    bound = [
        stmt
        for stmt in module_statements(module.tree.body)
        if isinstance(stmt, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(t, ast.Name) and t.id == name
            for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
        )
    ]
    if len(bound) != 1 or bound[0].value is None:
        return None
    value = bound[0].value
    return value if isinstance(value, ast.Dict | ast.Tuple | ast.List | ast.Set) else None


def replaces_itself(index: ModuleIndex, module: ModuleInfo, roots: Sequence[Path]) -> bool:
    """Whether importing ``module`` puts another object in ``sys.modules`` under its name, so
    its attributes are whatever that object answers: ``sys.modules[__name__] = ...`` at the top
    level, or a top-level call handing ``__name__`` to a function (of the host's own source) that
    stores into ``sys.modules`` (Celery's ``local.recreate_module(__name__, by_module={...})``,
    whose lazy module answers ``celery.current_app``; apipkg's ``initpkg(__name__, ...)``)."""
    return module.derived("replaces_itself", lambda m: _replaces_itself(index, m, roots))


def _replaces_itself(index: ModuleIndex, module: ModuleInfo, roots: Sequence[Path]) -> bool:
    if module.tree is None:
        return False
    for stmt in module_statements(module.tree.body):
        if _stores_into_sys_modules(stmt, own=True):
            return True
        value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign) else None
        if not isinstance(value, ast.Call) or not any(
            isinstance(a, ast.Name) and a.id == "__name__" for a in value.args
        ):
            continue
        if _stores(index, module, value.func, roots, 3):
            return True
    return False


def _stores(
    index: ModuleIndex, module: ModuleInfo, func: ast.expr, roots: Sequence[Path], depth: int
) -> bool:
    """Whether the function ``func`` names in ``module`` stores into ``sys.modules``, itself or
    through the functions of its own module it calls (``depth`` levels)."""
    callee = dotted_name(func)
    found = resolve_dotted(index, module, callee, roots) if callee else None
    if not isinstance(found, Resolved):
        return False
    node = node_at(found.module, found.symbol.line)
    if not isinstance(node, ast.FunctionDef):
        return False
    inner = [n for n in ast.walk(node) if isinstance(n, ast.stmt | ast.Call)]
    if any(isinstance(n, ast.stmt) and _stores_into_sys_modules(n) for n in inner):
        return True
    return depth > 1 and any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and _stores(index, found.module, n.func, roots, depth - 1)
        for n in inner
    )


def _stores_into_sys_modules(stmt: ast.stmt, *, own: bool = False) -> bool:
    """``sys.modules[...] = ...``; ``own``: under the module's own name, ``__name__`` (typing
    puts its ``typing.io`` and ``typing.re`` there and stays what its source binds)."""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else []
    return any(
        isinstance(t, ast.Subscript)
        and dotted_name(t.value) in ("sys.modules", "modules")
        and (not own or (isinstance(t.slice, ast.Name) and t.slice.id == "__name__"))
        for t in targets
    )
