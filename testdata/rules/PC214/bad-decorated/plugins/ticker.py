"""A dataclass plugin: its decorators keep the methods the host calls."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass
class Ticker:
    ticks: int = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @staticmethod
    def run() -> None:
        """Draw the chart."""
        import ticker_charts_not_installed  # expect: PC214

        ticker_charts_not_installed.draw()

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
