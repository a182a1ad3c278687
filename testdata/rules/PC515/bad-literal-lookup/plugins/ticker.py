"""A settings table read at import time, with a key it does not have."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

DEFAULTS = {"interval": 1}
LEVELS = {"low": 0, "high": 2}["medium"]  # expect: PC515


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = LEVELS

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
