"""Lazy imports that work: an installed module, and a missing one with a fallback."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        import json

        self.ticks = len(json.dumps(dict(config)))

    def run(self) -> None:
        try:
            import ticker_charts_not_installed
        except ImportError:
            ticker_charts_not_installed = None
        self.ticks += 1 if ticker_charts_not_installed is None else 2

    def shutdown(self, timeout: float) -> None:
        if timeout < 0:
            import ticker_debug_not_installed

            ticker_debug_not_installed.dump(self.ticks)
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
