"""shutdown() is attached to the class after its definition, without the timeout."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def _shutdown(self: Ticker) -> None:  # expect: PC204
    self.ticks = 0


Ticker.shutdown = _shutdown  # type: ignore[attr-defined]


def new() -> Ticker:
    return Ticker()
