"""A tool whose plugins' ``plugin(version)`` returns the plugin class; the tool checks it with
issubclass, instantiates it with its options and iterates what its check(text) returns."""


class Options:
    def __init__(self) -> None:
        self.strict = True


class Plugin:
    def __init__(self, options: Options) -> None:
        self.options = options

    def check(self, text: str) -> list[str]:
        return []
