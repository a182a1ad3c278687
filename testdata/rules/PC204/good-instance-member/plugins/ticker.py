"""shutdown is set per instance in __init__, bound to a method that takes the timeout."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.shutdown = self._stop_timed

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def _stop(self) -> None:
        self.ticks = 0

    def _stop_timed(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
