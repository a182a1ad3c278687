"""new is a lambda: the plugin it makes is read like a def factory's, and run() reads a name
bound nowhere."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = shout(self.greeting)  # expect: PC217

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


new = lambda: Ticker()  # noqa: E731
