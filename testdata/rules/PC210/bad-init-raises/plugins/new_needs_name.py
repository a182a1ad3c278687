"""__new__ wants a name that new() never passes: Python calls __new__ with Ticker()'s
arguments before __init__, so Ticker() raises TypeError (mypy reads only __init__ here)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __new__(cls, name):  # type: ignore[no-untyped-def]
        return super().__new__(cls)

    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()  # expect: PC210
