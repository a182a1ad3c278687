"""A counter set up by a function the module never calls."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _setup() -> None:
    global COUNTER
    COUNTER = 0


def _reset() -> None:
    _setup()  # only a function nobody calls calls it


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = COUNTER  # expect: PC217

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
