"""run() looks its private helper up by a string: getattr(self, "__measure") asks for
"__measure" itself, but the class body stores the method as _Worker__measure (AttributeError)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""
        self.count = 0

    def __measure(self) -> int:
        return len(self.greeting)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = getattr(self, "__measure")()  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Worker()
