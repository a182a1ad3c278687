"""Whether a host reads its plugins' ``__all__`` where it loads them: the one way a module's
``__all__`` can hide a name from a host that finds it with ``getattr(module, name)`` or
``module.name``."""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.scaffold.syntax import is_named


def reads_all(fn: ast.FunctionDef | ast.AsyncFunctionDef, own: set[str]) -> int | None:
    """Where a host function that loads plugins reads a module's ``__all__`` (``mod.__all__``,
    ``getattr(mod, "__all__")``), star-imports a module computed at run time (``__import__(
    name, fromlist=["*"])``, ``exec(f"from {name} import *")``) or one not of the host's
    ``own`` packages: the line of the first; ``None`` when it never does. Only the loading
    functions count: IPython reads ``__all__`` for its completer and its deep reload, never
    where it loads an extension."""
    for node in ast.walk(fn):
        if _reads(node, own):
            return getattr(node, "lineno", fn.lineno)
    return None


def _reads(node: ast.AST, own: set[str]) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "__all__":
        return not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
        return not node.level and (node.module or "").partition(".")[0] not in own
    if not isinstance(node, ast.Call):
        return False
    if is_named(node.func, "getattr") and len(node.args) >= 2:
        name = node.args[1]
        return isinstance(name, ast.Constant) and name.value == "__all__"
    if is_named(node.func, "__import__"):
        listed = [k.value for k in node.keywords if k.arg == "fromlist"] + node.args[3:4]
        return any(_strings(value, lambda s: s == "*") for value in listed)
    return any(_strings(arg, lambda s: "import *" in s) for arg in node.args)


def _strings(node: ast.expr, wanted: Callable[[str], bool]) -> bool:
    """A string constant in ``node`` (a list, an f-string's parts) is ``wanted``."""
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and wanted(n.value)
        for n in ast.walk(node)
    )
