"""run() is cached by functools.lru_cache, which hashes self: Ticker defines __eq__ only."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def __eq__(self, other: object) -> bool:
        return self is other

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @functools.lru_cache(maxsize=None)  # noqa: B019
    def run(self) -> None:  # expect: PC517
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
