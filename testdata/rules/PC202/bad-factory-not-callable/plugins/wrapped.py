"""new is a property object: the host's new() raises TypeError, and no plugin is made."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = str(config.get("greeting", ""))

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


new = property(lambda: Worker())  # expect: PC202
