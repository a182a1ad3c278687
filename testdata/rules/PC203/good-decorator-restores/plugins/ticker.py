"""@wrapped deletes shutdown() and binds a wrapper in its place."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def wrapped(cls):
    original = cls.shutdown
    del cls.shutdown

    def shutdown(self, timeout: float) -> None:
        original(self, timeout)

    cls.shutdown = shutdown
    return cls


@wrapped
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
