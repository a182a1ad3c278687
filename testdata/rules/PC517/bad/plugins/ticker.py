"""run() was never written: every call raises."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        """Tick once."""
        self.ticks += 1
        raise NotImplementedError("tick")  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
