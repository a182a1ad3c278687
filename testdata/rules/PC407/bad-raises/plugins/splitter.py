"""Expects a comma in the greeting it accepted in init()."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Splitter:
    def __init__(self) -> None:
        self.greeting = ""
        self.parts: tuple[str, str] = ("", "")

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:  # expect: PC407
        first, second = self.greeting.split(",")
        self.parts = (first, second)

    def shutdown(self, timeout: float) -> None:
        self.parts = ("", "")


def new() -> Plugin:
    return Splitter()
