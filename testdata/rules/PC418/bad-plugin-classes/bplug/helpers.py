"""A helper subclass first (never built: the host takes the last class), then the plugin."""

from bhost import Plugin


class CommandPlugin(Plugin):
    def __init__(self, command: str) -> None:
        super().__init__()
        self.add_command(command)


class HelpersPlugin(CommandPlugin):
    def __init__(self) -> None:
        super().__init__("helpers")
