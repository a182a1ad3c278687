"""A frozen dataclass setting a derived field in __post_init__, and __slots__ naming every
attribute the methods assign; a branch that never assigns on the target."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass(frozen=True)
class Settings:
    greeting: str = ""
    shout: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "shout", self.greeting.upper())


class Ticker:
    __slots__ = ("settings", "ticks")

    def __init__(self) -> None:
        self.settings = Settings()
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.settings = Settings(config.get("greeting", ""))

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


class Derived(Ticker):
    def run(self) -> None:
        self.extra = 1  # Ticker's base is object, Derived's is Ticker: it has a __dict__


def new() -> Plugin:
    return Derived() if False else Ticker()
