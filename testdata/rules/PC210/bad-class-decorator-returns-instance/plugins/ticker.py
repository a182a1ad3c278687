"""The decorator makes the one instance and leaves it where the class was: new() calls it."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def single(cls):  # type: ignore[no-untyped-def]
    return cls()


@single  # expect: PC210
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()  # type: ignore[no-any-return]
