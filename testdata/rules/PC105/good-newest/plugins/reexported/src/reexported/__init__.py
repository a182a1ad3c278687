"""register_v2 comes from the implementation module."""

from .hooks import register_v2

__all__ = ["register_v2"]
