"""A plugin with an optional accelerated implementation."""

try:
    from ._fast import new
except ImportError:
    from ._slow import new

__all__ = ["new"]
