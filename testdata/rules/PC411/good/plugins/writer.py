"""Writes its output when run, into the working directory."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Writer:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        with open("greeting.txt", "w") as out:
            out.write(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Writer()
