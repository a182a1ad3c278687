"""Registered by the ABC's register decorator: issubclass(Plugin, BasePlugin) is True."""

import abc_api


@abc_api.BasePlugin.register
class Plugin:
    def on_start(self) -> None:
        pass
