"""The class decorator only records the class: it adds no shutdown()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")
SEEN: list[str] = []


def tracked(cls: T) -> T:
    return cls


@tracked
class Ticker:  # expect: PC203
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def new() -> Ticker:
    return Ticker()
