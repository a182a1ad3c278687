"""The factory lives in a submodule."""

from ._impl import new

__all__ = ["new"]
