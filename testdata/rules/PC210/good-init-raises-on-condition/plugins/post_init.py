"""A frozen dataclass plugin whose __post_init__ sets a derived field through
object.__setattr__ (frozen allows that), and whose base has the __post_init__ it calls."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plugapi import Plugin

SEEN: list[str] = []


@dataclass(frozen=True)
class _Base:
    def __post_init__(self) -> None:
        SEEN.clear()


@dataclass(frozen=True)
class Frozen(_Base):
    greeting: str = ""
    shout: str = field(init=False, default="")

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "shout", self.greeting.upper())

    def init(self, config: Mapping[str, str]) -> None:
        SEEN.append(config.get("greeting", self.greeting))

    def run(self) -> None:
        SEEN.append(self.shout)

    def shutdown(self, timeout: float) -> None:
        SEEN.clear()


def new() -> Plugin:
    return Frozen()
