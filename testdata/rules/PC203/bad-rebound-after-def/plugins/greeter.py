"""A class attribute meant as a setting reuses the name shutdown: the class keeps the string,
and the host's plugin.shutdown(timeout) raises TypeError: 'str' object is not callable."""

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

    shutdown = "graceful"  # expect: PC203


def new() -> Plugin:
    return Greeter()
