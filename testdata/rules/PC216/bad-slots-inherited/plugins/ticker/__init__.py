"""Base has empty __slots__, Ticker lists only `greeting`."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from ._base import Base


class Ticker(Base):
    __slots__ = ("greeting",)

    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)  # expect: PC216

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
