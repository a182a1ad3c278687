"""A well-behaved plugin in flat layout whose factory is re-exported from a submodule."""

from counter.impl import new

__all__ = ["new"]
