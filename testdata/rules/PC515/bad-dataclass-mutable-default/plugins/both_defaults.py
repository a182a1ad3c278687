"""dataclasses.field() refuses a default together with a default_factory: ValueError."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plugapi import Plugin


@dataclass
class Ticker:
    greeting: str = field(default="", default_factory=str)  # expect: PC515

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
