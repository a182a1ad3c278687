"""new is defined twice; Python keeps the later one, which fits Factory."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self, start: int = 0) -> None:
        self.ticks = start

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new(start: int) -> Plugin:
    return Ticker(start)


def new() -> Plugin:  # type: ignore[no-redef]
    return Ticker()
