"""run() looks its private helper up by the name Python stores it under (_Worker__measure), and
reads another through the mangled spelling."""

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
        self.count = getattr(self, "_Worker__measure")() + self.__measure()

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Worker()
