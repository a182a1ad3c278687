"""An ``__all__`` a star import cannot use: what ``from .impl import *`` raises when the
plugin's own ``impl`` sets it to something other than a sequence of strings.

CPython's star import indexes ``__all__`` as a sequence (``__all__[0]``, ``__all__[1]``, ...)
and takes each item as an attribute name: a set, a dict or ``None`` cannot be indexed
(TypeError: "'set' object does not support indexing", "dict is not a sequence"), and an item
that is not a ``str`` (the function or class object itself, ``b"name"``) is refused
(TypeError: "Item in impl.__all__ must be str, not function"). A string is a sequence of its
characters (``class_literals``). Only literals are judged: a name or a call may hold anything.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

UNINDEXABLE = {ast.Set: "set", ast.SetComp: "set", ast.Dict: "dict", ast.DictComp: "dict"}


def unusable_all(value: ast.expr, objects: Mapping[str, str]) -> str | None:
    """Why a star import cannot use ``__all__ = value``: the value's type or an item's, in the
    words of the TypeError; ``objects`` are the module's names bound once to a ``def``
    (``function``) or a ``class`` (``class``)."""
    for node_type, name in UNINDEXABLE.items():
        if isinstance(value, node_type):
            return f"__all__ is a {name}, which the star import cannot index (TypeError)"
    if isinstance(value, ast.Constant) and not isinstance(value.value, str):
        kind = type(value.value).__name__
        if value.value is None or isinstance(value.value, int | float | complex | bool):
            return f"__all__ is {kind}, which the star import cannot index (TypeError)"
        if isinstance(value.value, bytes):
            return "__all__ is bytes, whose items are ints, not names (TypeError)"
        return None
    if not isinstance(value, ast.List | ast.Tuple):
        return None
    for item in value.elts:
        if isinstance(item, ast.Constant) and not isinstance(item.value, str):
            kind = type(item.value).__name__
            return f"its item {ast.unparse(item)} is {kind}, not str (TypeError)"
        if isinstance(item, ast.Name) and item.id in objects:
            kind = objects[item.id]
            return f"its item {item.id} is the {kind} itself, not its name (TypeError)"
    return None
