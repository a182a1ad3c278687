"""The entry point names Ticker.create, a staticmethod that builds the plugin but never returns it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
    def create() -> Any:  # expect: PC211
        ticker = Ticker()
        ticker.ticks = 0
