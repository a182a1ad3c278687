"""new() returns on every path; a nested helper without a return does not count."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from plugapi import Plugin


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
    def log() -> None:
        os.environ.get("TICKER_DEBUG")

    def ticks() -> Iterator[int]:
        yield 1

    log()
    if os.environ.get("TICKER_FAST"):
        return Ticker()
    plugin = Ticker()
    plugin.ticks = sum(ticks())
    return plugin
