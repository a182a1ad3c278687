"""Prints instead of returning or logging."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Printer:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        print(f"{self.greeting}, world")  # expect: PC412

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Printer()
