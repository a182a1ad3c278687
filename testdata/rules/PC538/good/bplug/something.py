"""Defines its plugin class."""

from bhost import Plugin


class SomethingPlugin(Plugin):
    pass
