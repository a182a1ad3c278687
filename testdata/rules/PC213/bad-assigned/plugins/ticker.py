"""shutdown() is attached to the class after its definition."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:  # expect: PC213
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def _shutdown(self: Ticker, timeout: float) -> None:
    self.ticks = 0


Ticker.shutdown = _shutdown  # type: ignore[attr-defined]


def new() -> Ticker:
    return Ticker()
