"""new is defined twice; Python keeps the later one, which needs an argument."""

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


def new() -> Plugin:
    return Ticker()


def new(start: int) -> Plugin:  # type: ignore[no-redef]  # expect: PC201
    return Ticker(start)
