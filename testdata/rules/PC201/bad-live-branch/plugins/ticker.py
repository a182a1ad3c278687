"""new is redefined in a version branch the target takes; that one needs an argument."""

from __future__ import annotations

import sys
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


if sys.version_info >= (3, 8):

    def new(start):  # type: ignore[no-redef]  # expect: PC201
        return Ticker(start)
