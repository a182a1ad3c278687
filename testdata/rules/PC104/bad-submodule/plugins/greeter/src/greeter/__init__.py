"""A plugin whose factory module shadows the factory."""

from . import new  # expect: PC104

__all__ = ["new"]
