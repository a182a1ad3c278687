"""The host's plugin base: each plugin module defines a subclass, which the host builds."""

import abc


class Plugin:
    def __init__(self, name: str | None = None) -> None:
        self.name = name or type(self).__name__.lower()
        self.commands: list[str] = []

    def add_command(self, command: str) -> None:
        self.commands.append(command)


class Check(abc.ABC):
    """A second host's base: it builds every concrete subclass a plugin module binds."""

    name = "check"

    @abc.abstractmethod
    def run(self, text: str) -> list[str]: ...
