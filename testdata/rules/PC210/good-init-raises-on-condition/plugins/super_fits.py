"""Ticker's __init__ passes its base's __init__ what that one takes."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Base:
    def __init__(self, speed: str) -> None:
        self.ready = speed == "fast"


class Ticker(_Base):
    def __init__(self) -> None:
        super().__init__("fast")
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
