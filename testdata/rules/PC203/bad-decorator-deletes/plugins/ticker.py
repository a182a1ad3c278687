"""@trimmed deletes shutdown() from the class it returns."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def trimmed(cls):
    delattr(cls, "shutdown")  # expect: PC203
    return cls


@trimmed
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
