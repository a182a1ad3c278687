"""The constructor raises only for a bad argument, which new() never passes."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self, greeting: str = "") -> None:
        if not isinstance(greeting, str):
            raise TypeError("greeting must be a str")
        self.greeting = greeting

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
