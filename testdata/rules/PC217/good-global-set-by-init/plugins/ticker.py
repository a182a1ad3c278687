"""A counter set up by a function init() calls."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _setup() -> None:
    global COUNTER
    COUNTER = 0


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        _setup()

    def run(self) -> None:
        self.count = COUNTER

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
