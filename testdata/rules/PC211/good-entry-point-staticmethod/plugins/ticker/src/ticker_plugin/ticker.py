"""The entry point names Ticker.create, a staticmethod that returns the plugin it builds."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0

    @staticmethod
    def create() -> Ticker:
        ticker = Ticker()
        ticker.ticks = 0
        return ticker
