"""Which optional modules the target has, found once."""

from __future__ import annotations

import importlib
from types import ModuleType


def optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


try:
    import ticker_speedups  # noqa: F401

    HAS_SPEEDUPS = True
except ImportError:
    HAS_SPEEDUPS = False

_fast = optional("ticker_fast")
FAST_INSTALLED = _fast is not None
