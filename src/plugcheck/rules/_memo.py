"""Per-run memo for checks: values computed once per run, not once per check or plugin."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

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
