"""Subclasses its own copy of the host's base class."""

from .compat import BasePlugin


class Plugin(BasePlugin):  # expect: PC520
    pass
