"""Ticker's __init__ passes its base's __init__ an argument that one does not take."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Base:
    def __init__(self) -> None:
        self.ready = True


class Ticker(_Base):
    def __init__(self) -> None:
        super().__init__("fast")  # type: ignore[call-arg]  # expect: PC210
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
