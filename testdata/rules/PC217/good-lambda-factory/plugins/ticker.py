"""new is a lambda: the plugin it makes is read like a def factory's, and run() reads a name
bound in the module."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = shout(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


new = lambda: Ticker()  # noqa: E731


def shout(text: str) -> str:
    return text.upper()
