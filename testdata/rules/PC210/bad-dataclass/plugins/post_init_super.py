"""A dataclass plugin whose __post_init__ calls a __post_init__ no base has: AttributeError."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin


@dataclass
class Chained:
    greeting: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()  # type: ignore[misc]  # expect: PC210

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.strip()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Chained()
