"""A tool whose plugins' ``plugin(version)`` returns the plugin class; the tool checks it with
issubclass and instantiates it with its options (mypy's shape)."""


class Options:
    def __init__(self) -> None:
        self.strict = True


class Plugin:
    def __init__(self, options: Options) -> None:
        self.options = options
