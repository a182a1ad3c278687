"""A plugin saved by an editor that writes a UTF-8 byte-order mark: héllo."""

from greeter.words import new

__all__ = ["new"]
