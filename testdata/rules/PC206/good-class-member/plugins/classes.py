"""shutdown is bound to a class: a class is no descriptor, so the host's shutdown(timeout) makes
str(timeout) and drops it, as it drops any value of a `-> None` method. Nobody wrote a return
annotation here, so no declaration misleads anyone: no finding."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Closer:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    shutdown = str


def new() -> Plugin:
    return Closer()
