"""A frozen dataclass plugin whose __post_init__ assigns an attribute: FrozenInstanceError."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin

SEEN: list[str] = []


@dataclass(frozen=True)
class Frozen:
    greeting: str = ""

    def __post_init__(self) -> None:
        self.ready = True  # expect: PC210

    def init(self, config: Mapping[str, str]) -> None:
        SEEN.append(config.get("greeting", self.greeting))

    def run(self) -> None:
        SEEN.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        SEEN.clear()


def new() -> Plugin:
    return Frozen()
