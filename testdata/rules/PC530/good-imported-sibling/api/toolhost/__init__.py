"""The tool: its plugins' ``plugin(version)`` returns a subclass of Plugin."""


class Plugin:
    def __init__(self, options: object) -> None:
        self.options = options
