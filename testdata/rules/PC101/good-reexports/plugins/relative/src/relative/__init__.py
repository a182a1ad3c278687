"""The factory lives in a submodule."""

from .impl import new

__all__ = ["new"]
