"""A plugin whose implementation module has an unclosed bracket."""

from greeter.impl import new

__all__ = ["new"]
