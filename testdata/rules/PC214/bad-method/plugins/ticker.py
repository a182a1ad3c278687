"""run() imports its chart library lazily, but the library is not installed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        """Tick once and draw the chart."""
        self.ticks += 1
        import ticker_charts_not_installed  # expect: PC214

        ticker_charts_not_installed.draw(self.ticks)

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
