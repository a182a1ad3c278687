"""Flags that do not say an optional import worked."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import ticker_speedups  # noqa: F401

    MISSING_SPEEDUPS = False
except ImportError:
    MISSING_SPEEDUPS = True  # true when the import failed: the branch runs without it

HAS_FAST = True  # no import decides it

if MISSING_SPEEDUPS:
    import ticker_legacy  # noqa: F401  # expect: PC309

if HAS_FAST:
    import ticker_fast  # noqa: F401  # expect: PC309


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
