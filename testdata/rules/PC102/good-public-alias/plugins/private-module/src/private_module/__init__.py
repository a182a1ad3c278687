"""The factory comes from a private module, under a public name."""

from ._impl import new

__all__ = ["new"]
