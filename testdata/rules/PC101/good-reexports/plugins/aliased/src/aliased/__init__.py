"""The factory is called make in its module."""

from aliased.impl import make as new

__all__ = ["new"]
