"""Speed-ups imported only where the optional modules are installed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from .flags import FAST_INSTALLED, HAS_SPEEDUPS

if HAS_SPEEDUPS:
    import ticker_speedups  # noqa: F401

if FAST_INSTALLED:
    from ticker_fast import tick as fast_tick  # noqa: F401


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
