"""Ticker's slots base has no __slots__ (a __dict__), Other's frozen base lacks `count`."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from ._base import Base, Settings


class Ticker(Base):
    __slots__ = ("greeting",)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


class Other(Settings):
    def init(self, config: Mapping[str, str]) -> None:
        self.count = 1

    def run(self) -> None:
        self.count = 2

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker() if Base else Other()
