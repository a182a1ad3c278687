from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    def shutdown(self, timeout: float) -> None:
        self.stopped = True


class Ticker(Base):
    def __init__(self) -> None:
        self.ticks = 0
        self.stopped = False

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = len(config)

    def run(self) -> None:
        self.ticks += 1


def new() -> Plugin:
    return Ticker()
