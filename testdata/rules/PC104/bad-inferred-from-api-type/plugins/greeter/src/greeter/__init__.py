"""A plugin that confuses an import path with a factory."""

from .impl import new

__all__ = ["new"]
