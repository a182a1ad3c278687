"""The module's __getattr__ answers new with a factory whose class is made without trouble."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def __getattr__(name: str) -> object:
    if name == "new":
        return lambda: Worker()
    raise AttributeError(name)
