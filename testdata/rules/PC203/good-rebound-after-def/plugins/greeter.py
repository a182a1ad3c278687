"""The setting has a name of its own: shutdown stays the method."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    shutdown_mode = "graceful"


def new() -> Plugin:
    return Greeter()
