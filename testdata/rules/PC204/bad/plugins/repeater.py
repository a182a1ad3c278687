"""init wants an int; shutdown takes no timeout."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: int) -> None:  # expect: PC204
        self.greeting = config.get("greeting", "") if isinstance(config, Mapping) else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self) -> None:  # expect: PC204
        self.greeting = ""


def new() -> Plugin:
    return Worker()
