"""Small readings of host syntax: dotted names, string constants, literal collections."""

from __future__ import annotations

import ast

from plugcheck.scaffold.constants import string_of
from plugcheck.scaffold.model import Alias


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        return dotted(node.value)
    return ""


def is_named(node: ast.expr, name: str) -> bool:
    spelled = dotted(node)
    return spelled == name or spelled.endswith("." + name)


_LOADING = {
    "importlib": {"import_module"},
    "importlib.metadata": {"entry_points"},
    "importlib_metadata": {"entry_points"},
    "pkg_resources": {"iter_entry_points"},
}
"""The loading functions init reads by name, and the modules they come from."""


def unalias(tree: ast.Module) -> None:
    """Reads ``from importlib.metadata import entry_points as eps`` (``import_module as load``)
    as the name it imports: every ``eps`` in ``tree`` is renamed ``entry_points``, so init's
    readings, which go by the function's name, see the host's ``eps(group=...)``."""
    renamed = {
        alias.asname: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and not node.level
        for alias in node.names
        if alias.asname and alias.name in _LOADING.get(node.module or "", ())
    }
    _qualify_entrypoints(tree)
    if not renamed:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in renamed:
            node.id = renamed[node.id]


ENTRYPOINTS_READERS = frozenset({"get_group_all", "get_group_named", "get_single"})
"""The ``entrypoints`` library's readers, whose first argument is the group (papermill's
``entrypoints.get_group_all("papermill.engine")``)."""


def _qualify_entrypoints(tree: ast.Module) -> None:
    """Calls of the ``entrypoints`` library's readers, however imported (``from entrypoints
    import get_group_all as groups``, ``import entrypoints as eps``), are spelled
    ``entrypoints.get_group_all(...)``: the only spelling init reads as asking for a group, so a
    host's own ``get_single()`` is never taken for one."""
    names: dict[str, str] = {}  # the local name of a reader -> the reader
    modules: set[str] = set()  # local names of the library
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "entrypoints" and not node.level:
            names.update(
                {a.asname or a.name: a.name for a in node.names if a.name in ENTRYPOINTS_READERS}
            )
        elif isinstance(node, ast.Import):
            modules.update(a.asname for a in node.names if a.name == "entrypoints" and a.asname)
    if not names and not modules:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            module = ast.copy_location(ast.Name("entrypoints", ast.Load()), func)
            node.func = ast.copy_location(ast.Attribute(module, names[func.id], ast.Load()), func)
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
            and func.attr in ENTRYPOINTS_READERS
        ):
            func.value.id = "entrypoints"


def callable_alias(module: str, name: str, value: ast.expr) -> Alias | None:
    if not (isinstance(value, ast.Subscript) and is_named(value.value, "Callable")):
        return None
    sub = value.slice
    if not (isinstance(sub, ast.Tuple) and len(sub.elts) == 2):
        return None
    params_node, returns = sub.elts
    if isinstance(params_node, ast.List):
        params = tuple(ast.unparse(p) for p in params_node.elts)
    else:  # Callable[..., R]
        params = ("...",)
    return Alias(module, name, params, ast.unparse(returns))


def string_value(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    return string_of(node, constants)


def call_args(call: ast.Call) -> list[str]:
    return [a.id if isinstance(a, ast.Name) else "?" for a in call.args]


MODULE_DUNDERS = frozenset(
    {
        *("__all__", "__annotations__", "__builtins__", "__cached__", "__dict__", "__doc__"),
        *("__file__", "__loader__", "__name__", "__package__", "__path__", "__spec__"),
    }
)
"""Names Python itself gives modules or reads of them (``getattr(m, "__all__", [])``,
``m.__file__``): no plugin's export. A host's own dunder (OctoPrint's
``__plugin_implementation__``) is one."""
