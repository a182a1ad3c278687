"""A property that returns the method the host calls works."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @property
    def run(self) -> Callable[[], None]:
        return self._tick

    def _tick(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
