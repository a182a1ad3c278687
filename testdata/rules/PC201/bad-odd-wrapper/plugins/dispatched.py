"""new is a singledispatch function: the dispatcher needs a positional argument."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


@functools.singledispatch
def new() -> Plugin:  # expect: PC201
    return Ticker()
