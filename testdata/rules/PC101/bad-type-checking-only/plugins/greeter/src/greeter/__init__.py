"""A plugin that imports its factory for type checkers only."""  # expect: PC101

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .impl import new

__all__ = ["new"]
