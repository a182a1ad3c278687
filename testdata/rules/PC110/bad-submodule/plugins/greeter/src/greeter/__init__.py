"""A plugin whose implementation module shells out on import."""

from .impl import new

__all__ = ["new"]
