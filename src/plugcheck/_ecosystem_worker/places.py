"""Where in a plugin's source a value is bound, for a finding's place: read from the file as
text (the plugin's objects are not trusted to say where they are)."""

from __future__ import annotations

import contextlib
import inspect
import re
from typing import Any

from . import shared
from .protocol import Where


def binding(plugin: Any, attr: str, value: Any) -> Where:
    """Where a marked value of the plugin is: a function's ``def``, else a module's assignment
    to ``attr`` (``demo_startup = hookimpl(partial(...))``), else where its code is."""
    if not inspect.isfunction(value) and inspect.ismodule(plugin):
        where = assigned(plugin, attr)
        if where["line"]:
            return where
        where = defined(plugin, attr)  # a def a decorator replaced by an object
        if where["line"]:
            return where
    return shared.class_where(value)


def defined(module: Any, name: str) -> Where:
    """The line of ``module``'s top-level ``def name``, else its file."""
    return _first_line(module, rf"(async\s+)?def\s+{re.escape(name)}\s*\(")


def assigned(module: Any, variable: str) -> Where:
    """The line of ``module``'s top-level assignment to ``variable``, else its file."""
    return _first_line(module, rf"{re.escape(variable)}\s*(:[^=]*)?=[^=]")


def _first_line(module: Any, pattern: str) -> Where:
    """The first line of ``module``'s file that ``pattern`` matches at its start."""
    path: str | None = getattr(module, "__file__", None)
    with (
        contextlib.suppress(OSError, TypeError, ValueError),
        open(path or "", encoding="utf-8") as file,
    ):
        for number, text in enumerate(file, 1):
            if re.match(pattern, text):
                return Where(path=path, line=number)
    return Where(path=path, line=None)
