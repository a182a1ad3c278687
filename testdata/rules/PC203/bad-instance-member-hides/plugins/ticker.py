"""__init__ sets flags named like the lifecycle's methods: an instance attribute comes before a
function of the class, so the host's run() and init() find the flags, not the methods."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0
        self.run = False  # expect: PC203
        self.init = {}  # expect: PC203

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
