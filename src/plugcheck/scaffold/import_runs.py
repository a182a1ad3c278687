"""The code a host module runs while it is imported, for ``init``: its module-level statements
and, followed from them, the functions and methods they call (papermill's ``engines.py`` ends
with ``papermill_engines = PapermillEngines()`` and ``papermill_engines.register_entry_points()``,
whose loop loads every ``papermill.engine`` entry point). A group asked for there is loaded
while the host is half imported, so a plugin imported before the host meets a circular import
that never happens in the host: the module is proposed as ``preload``."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.static.function_walk import own_nodes
from plugcheck.static.syntax import is_main_guard

_Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda


def runs_at_import(tree: ast.Module) -> dict[int, int]:
    """Every node of ``tree`` that runs when the module is imported (by ``id``), with the line
    of the module-level statement that runs it. Calls are followed to the module's own
    functions (``load()``), classes (``Registry()``: its ``__init__``), methods of a module-level
    instance of its own class (``registry.load()`` after ``registry = Registry()``), of a class
    built in place (``Registry().load()``) and a method's ``self.other()``; nothing else (a
    call through another module, a parameter, a decorator) is guessed."""
    functions = {
        s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)
    }  # an ``async def`` called at import returns a coroutine that never runs
    classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}
    instances: dict[str, str] = {}  # a module-level name bound to an instance of a class here
    runs: dict[int, int] = {}
    todo: list[tuple[list[ast.AST], int, str | None]] = []
    for stmt in _module_level(tree.body):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            built = stmt.value.func
            if isinstance(built, ast.Name) and built.id in classes:
                instances.update({t.id: built.id for t in stmt.targets if isinstance(t, ast.Name)})
        todo.append(([stmt, *_below(stmt)], stmt.lineno, None))
    followed: set[int] = set()
    while todo:
        nodes, line, owner = todo.pop()
        for node in nodes:
            runs.setdefault(id(node), line)
            if not isinstance(node, ast.Call):
                continue
            callee, cls = _callee(node.func, owner, functions, classes, instances)
            if callee is not None and id(callee) not in followed:
                followed.add(id(callee))
                todo.append((own_nodes(callee), line, cls))
    return runs


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module's statements that run at import: not definitions (a class body's own
    statements are left out too), not an ``if __name__ == "__main__":`` block."""
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(stmt, ast.If) and is_main_guard(stmt.test):
            yield from _module_level(stmt.orelse)
            continue
        yield stmt


def _below(stmt: ast.stmt) -> list[ast.AST]:
    """The nodes below a module-level statement, not inside a function, class or lambda."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = [*ast.iter_child_nodes(stmt)]
    while stack:
        node = stack.pop()
        found.append(node)
        if not isinstance(node, _Scope):
            stack.extend(ast.iter_child_nodes(node))
    return found


def _callee(
    func: ast.expr,
    owner: str | None,
    functions: dict[str, ast.FunctionDef],
    classes: dict[str, ast.ClassDef],
    instances: dict[str, str],
) -> tuple[ast.FunctionDef | None, str | None]:
    """The module's own function or method a call runs, and the class it is a method of."""
    if isinstance(func, ast.Name):
        if func.id in functions:
            return functions[func.id], None
        if func.id in classes:
            return _method(classes[func.id], "__init__"), func.id
        return None, None
    if not isinstance(func, ast.Attribute):
        return None, None
    of = func.value
    cls: str | None = None
    if isinstance(of, ast.Name):
        cls = owner if of.id == "self" else instances.get(of.id, of.id)
    elif isinstance(of, ast.Call) and isinstance(of.func, ast.Name):
        cls = of.func.id  # ``Registry().load()``
    if cls is None or cls not in classes:
        return None, None
    return _method(classes[cls], func.attr), cls


def _method(cls: ast.ClassDef, name: str) -> ast.FunctionDef | None:
    return next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == name),
        None,
    )
