"""Returns a str subclass where the host wants text, and an int where it wants a float."""

from typing import Any


class Text(str):
    pass


class Counter:
    def init(self, config: Any) -> None:
        self.greeting = config["greeting"]

    def run(self) -> Any:
        return Text(self.greeting.upper())

    def shutdown(self, timeout: Any) -> Any:
        return 0


def new() -> Counter:
    return Counter()
