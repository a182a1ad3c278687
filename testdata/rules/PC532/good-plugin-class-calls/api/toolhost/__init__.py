"""A tool whose plugins' ``plugin(version)`` returns the plugin class; the tool checks it with
issubclass, instantiates it with its options, reads its label and iterates what its check(text)
returns."""


class Options:
    def __init__(self) -> None:
        self.strict = True


class Plugin:
    label = "plugin"  # the tool lists each plugin by its label: a str, not empty

    def __init__(self, options: Options) -> None:
        self.options = options

    def check(self, text: str) -> list[str]:
        return []
