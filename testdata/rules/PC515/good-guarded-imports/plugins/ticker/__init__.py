"""Optional parts: a failure here is caught, swallowed, or the branch may not run."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from .impl import new

try:
    from . import speedups
except Exception:  # an optional part that fails to load is left out
    speedups = None

with contextlib.suppress(Exception):
    from . import extras

if os.environ.get("TICKER_DEBUG"):
    from . import debug

if TYPE_CHECKING:
    from . import typed

if __name__ == "__main__":
    from . import cli

__all__ = ["new", "speedups", "extras", "debug", "typed", "cli"]
