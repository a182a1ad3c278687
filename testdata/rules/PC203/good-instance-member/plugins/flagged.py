"""__init__ sets a flag named apart from the methods, and rebinds shutdown to a method that takes
the timeout: the instance's shutdown hides the class's, and takes the host's call."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0
        self.running = False
        self.shutdown = self._stop_timed

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.running = True

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0

    def _stop_timed(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
