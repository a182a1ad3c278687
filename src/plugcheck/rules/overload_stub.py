"""A method the class keeps as a ``typing.overload`` stub: overloads written with no
implementation after them (forgotten, or written above the overloads). ``typing.overload``
returns a dummy that raises NotImplementedError, so every call the host makes fails; mypy says
so only of annotated code, and only as "must have an implementation"."""

from __future__ import annotations

import ast

from plugcheck.rules.attribute_never_set import stored_anywhere
from plugcheck.rules.reached import Reader
from plugcheck.static.applied import imported_as
from plugcheck.static.parse import ModuleInfo, dotted_name

OVERLOADS = frozenset({"typing.overload", "typing_extensions.overload"})
_PLAIN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign, ast.Expr, ast.Pass)


def overload_stub(
    reader: Reader, module: ModuleInfo, node: ast.ClassDef, name: str
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The ``@typing.overload`` def that is the last binding of ``name`` in the body of the
    class ``node`` (undecorated, no metaclass keyword, a body of plain statements only), where
    no code of the plugin stores an attribute ``name`` on any object; ``None`` otherwise."""
    if node.decorator_list or node.keywords:
        return None
    if any(not isinstance(stmt, _PLAIN) for stmt in node.body):
        return None
    last: ast.stmt | None = None
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == name:
            last = stmt
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(name in {n.id for n in ast.walk(t) if isinstance(n, ast.Name)} for t in targets):
                last = stmt
    if not isinstance(last, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    scope = reader.scope(module)
    if not any(imported_as(dotted_name(d) or "", scope) in OVERLOADS for d in last.decorator_list):
        return None
    stored = stored_anywhere(reader)
    return last if stored is not None and name not in stored else None


def stub_message(cls: str, name: str) -> str:
    return (
        f"{cls}.{name} is a @typing.overload stub with no implementation after it: the class "
        f"keeps the stub, which raises NotImplementedError, so every {name}(...) call the host "
        "makes fails"
    )


def stub_fix(cls: str, name: str) -> str:
    return f"add the implementation after the overloads: a plain `def {name}` without @overload"
