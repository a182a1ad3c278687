"""dataclass raises ValueError for `items: list = []`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin


@dataclass  # expect: PC515
class Ticker:
    greeting: str = ""
    items: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.items.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.items.clear()


def new() -> Plugin:
    return Ticker()
