"""A default read from a settings table after the module added the key."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

DEFAULTS = {"interval": 1, "level": "low"}
DEFAULTS["period"] = 5


def ticks(count: int = DEFAULTS["period"]) -> int:
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
