"""The factory is re-exported from a submodule."""

from ticker.impl import new

__all__ = ["new"]
