"""Per-run memo for checks (values computed once per run, not once per check or plugin), and
the directory tree a plugin owns."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from plugcheck.model import Origin, Plugin
from plugcheck.rules.base import Context
from plugcheck.static.index import ModuleIndex

_T = TypeVar("_T")

_RUN: WeakKeyDictionary[ModuleIndex, dict[Hashable, Any]] = WeakKeyDictionary()
"""The run's ModuleIndex identifies the run; its memo goes when the run's index does."""


def memo(ctx: Context, key: Hashable, make: Callable[[], _T]) -> _T:
    """``make()``, computed once per run for ``key``."""
    values = _RUN.setdefault(ctx.index, {})
    if key not in values:
        values[key] = make()
    value: _T = values[key]
    return value


def plugin_tree(plugin: Plugin) -> Path | None:
    """The directory that is the plugin's own (its project or package), or ``None``.

    An installed single-module plugin's root is the directory it is installed into, shared with
    every other distribution there (site-packages): nothing in it belongs to the plugin.
    """
    if not plugin.root.is_dir():
        return None
    if plugin.origin is Origin.ENTRY_POINT and (
        plugin.module_path is None or plugin.module_path.name != "__init__.py"
    ):
        return None
    return plugin.root
