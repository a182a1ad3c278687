"""A plugin whose package lists its exports in a string; its core module star-imports them."""

__all__ = ("new")
VERSION = "1.0"

from .core import new  # noqa: E402
