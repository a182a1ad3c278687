"""Whether a literal a plugin returns is an instance of the class the host checks it against."""

from __future__ import annotations

import ast
import importlib

_CLASSES: dict[type[ast.expr], type] = {
    ast.List: list,
    ast.ListComp: list,
    ast.Tuple: tuple,
    ast.Set: set,
    ast.SetComp: set,
    ast.Dict: dict,
    ast.DictComp: dict,
    ast.JoinedStr: str,
}
"""The class of the value each literal display builds (a constant's is its value's)."""

_STDLIB = ("builtins", "collections", "collections.abc", "typing", "numbers")
"""Modules whose classes plugcheck may import to answer ``isinstance``: a host class is only
read, never imported, and no literal is an instance of one."""


def literal_fits(value: ast.expr, return_type: str | None) -> bool:
    """Whether the literal ``value`` is an instance of ``return_type`` (``module:Class``): a
    list display where the host wants a ``builtins:list`` or a ``collections.abc:Sequence``."""
    if return_type is None or ":" not in return_type:
        return False
    module, _, name = return_type.partition(":")
    made = type(value.value) if isinstance(value, ast.Constant) else _CLASSES.get(type(value))
    if made is None or module not in _STDLIB or not name.isidentifier():
        return False
    wanted = getattr(importlib.import_module(module), name, None)
    try:
        return isinstance(wanted, type) and issubclass(made, wanted)
    except TypeError:  # a typing alias that refuses issubclass: it may fit
        return True


def literal_refused(value: ast.expr, return_type: str) -> bool:
    """Whether the literal ``value`` is certainly not an instance of ``return_type``
    (``module:Class``): a literal of another builtin class, or any literal where a class of the
    host's is wanted (no literal is an instance of one)."""
    module, _, name = return_type.partition(":")
    made = type(value.value) if isinstance(value, ast.Constant) else _CLASSES.get(type(value))
    if made is None or not name.isidentifier():
        return False
    if module not in _STDLIB:
        return True
    wanted = getattr(importlib.import_module(module), name, None)
    try:
        return isinstance(wanted, type) and not issubclass(made, wanted)
    except TypeError:  # a typing alias that refuses issubclass: it may fit
        return False
