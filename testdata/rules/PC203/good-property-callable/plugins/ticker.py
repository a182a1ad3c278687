"""run is a property that returns the callable the host then calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def _tick(self) -> None:
        self.ticks += 1

    @property
    def run(self) -> Callable[[], None]:
        return self._tick

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
