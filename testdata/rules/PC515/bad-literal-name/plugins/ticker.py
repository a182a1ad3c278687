"""A default read from a settings table, with a key the table does not have."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

DEFAULTS = {"interval": 1, "level": "low"}


def ticks(count: int = DEFAULTS["period"]) -> int:  # expect: PC515
    return count


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = ticks()

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
