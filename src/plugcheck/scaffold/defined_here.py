"""Whether a host's scan of a plugin module's classes tells where each was defined: beets keeps
only the classes whose ``__module__`` is the module's (``plugin-classes.defined-here``); a scan
that reads none takes every subclass the module binds, imported or made by ``type()``."""

from __future__ import annotations

import ast

from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def reads_module_of(loop: ast.For, name: str) -> bool:
    """Whether the host's scan tells where each class ``name`` was defined: it reads
    ``name.__module__`` (``getattr(name, "__module__")``), or asks ``inspect.getmodule(name)``
    (beets keeps the module's own classes). With none of them it takes what the module binds."""
    for node in walked(loop):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "__module__"
            and isinstance(node.value, ast.Name)
            and node.value.id == name
        ):
            return True
        if not (isinstance(node, ast.Call) and node.args):
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Name) and first.id == name):
            continue
        called = dotted(node.func)
        if called.endswith("getmodule") or (
            called == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "__module__"
        ):
            return True
    return False
