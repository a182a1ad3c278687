"""A ``try`` that catches KeyError only: ``tried.table``'s ImportError fails the import."""

from .impl import new

try:
    from . import table
except KeyError:
    table = None

__all__ = ["new", "table"]
