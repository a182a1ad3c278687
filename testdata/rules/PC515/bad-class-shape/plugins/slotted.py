"""A literal __slots__ naming a class variable: creating the class raises ValueError."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Slotted:  # expect: PC515
    __slots__ = ("greeting",)
    greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Slotted()
