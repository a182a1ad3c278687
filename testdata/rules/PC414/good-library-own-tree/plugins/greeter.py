"""Imports a library that removes a module from its own folder on first import."""

from __future__ import annotations

from collections.abc import Mapping

import biglib  # noqa: F401
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
