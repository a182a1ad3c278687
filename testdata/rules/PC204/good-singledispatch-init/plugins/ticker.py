"""init(config) dispatches on the config the host passes (singledispatchmethod imported by name)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import singledispatchmethod

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    @singledispatchmethod
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @init.register
    def _(self, config: dict) -> None:  # type: ignore[type-arg]
        self.ticks = len(config)

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
