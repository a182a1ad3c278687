"""A well-behaved plugin: validates its configuration, stops what it starts."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        self.lines.append(f"{self.greeting}, world")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Greeter()
