"""new is cached, and the __next__ of an endless iterator of plugin objects."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


@functools.cache
def make() -> Plugin:
    return Ticker()


new = itertools.repeat(make()).__next__
