"""Takes any configuration without checking it."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Lenient:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC406
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.strip()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Lenient()
