"""field(default_factory=list) and a ClassVar list are fine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from plugapi import Plugin


@dataclass
class Ticker:
    greeting: str = ""
    items: list[str] = field(default_factory=list)
    known: ClassVar[list[str]] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.items.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.items.clear()


def new() -> Plugin:
    return Ticker()
