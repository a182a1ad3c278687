"""dataclasses.field() with a default_factory alone, and one with a default alone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plugapi import Plugin


@dataclass
class Ticker:
    greeting: str = field(default="")
    seen: list[str] = field(default_factory=list)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.seen.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.seen.clear()


def new() -> Plugin:
    return Ticker()
