"""The package re-exports its implementation, whose import always fails."""

from .impl import new

__all__ = ["new"]
