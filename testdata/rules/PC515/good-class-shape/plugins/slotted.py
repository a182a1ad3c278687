"""__slots__ with no class variable of the same name, and total_ordering with __lt__."""

from __future__ import annotations

from collections.abc import Mapping
from functools import total_ordering

from plugapi import Plugin

DEFAULT = ""


class Slotted:
    __slots__ = ("greeting", "count")
    label: str

    def __init__(self) -> None:
        self.greeting = DEFAULT
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


@total_ordering
class Ordered:
    def __init__(self) -> None:
        self.greeting = ""

    def __lt__(self, other: Ordered) -> bool:
        return self.greeting < other.greeting

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Slotted() if DEFAULT else Ordered()
