"""A counter set up by the factory the host calls."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = COUNTER

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    global COUNTER
    COUNTER = 0
    return Ticker()
