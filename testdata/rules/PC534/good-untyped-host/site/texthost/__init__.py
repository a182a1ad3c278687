"""A text host without type information (no py.typed): extensions subclass Extension."""

from texthost.extensions import Extension

__all__ = ["Extension"]
