"""The host's plugin base: the host builds each subclass with its name (None: the class's),
its commands and its options."""


class Plugin:
    def __init__(self, name: str | None, commands: list[str], options: dict[str, bool]) -> None:
        self.name = name or type(self).__name__.lower()
        self.commands = list(commands)
        self.verbose = options["verbose"]
