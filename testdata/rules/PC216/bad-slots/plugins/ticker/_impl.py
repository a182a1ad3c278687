"""__slots__ lacks `ticks`."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    __slots__ = ("greeting",)

    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.ticks = 1  # expect: PC216

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


make = Ticker


def new() -> Plugin:
    return make()
