"""run is a property: the host's run() calls what the getter returns, None."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @property
    def run(self):  # expect: PC518
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
