"""A frozen dataclass: init() cannot assign."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass(frozen=True)
class Ticker:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")  # expect: PC216

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
