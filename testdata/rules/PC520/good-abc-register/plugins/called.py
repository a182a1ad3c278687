"""Registered by a call after the class statement."""

from abc_api import BasePlugin


class Plugin:
    def on_start(self) -> None:
        pass


BasePlugin.register(Plugin)
