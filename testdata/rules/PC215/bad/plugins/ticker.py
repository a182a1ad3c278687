"""run() and shutdown() yield: the host calls them and gets generators back."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:  # expect: PC215
        self.ticks += 1
        yield self.ticks

    async def shutdown(self, timeout: float) -> None:  # expect: PC215
        yield None


def new() -> Plugin:
    return Ticker()
