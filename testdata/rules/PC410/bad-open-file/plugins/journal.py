"""Opens a journal in init() and never closes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from plugapi import ConfigError, Plugin


class Journal:
    def __init__(self) -> None:
        self.greeting = ""
        self.out: TextIO | None = None

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting
        self.out = open("journal.txt", "a")

    def run(self) -> None:
        if self.out is not None:
            self.out.write(self.greeting)

    def shutdown(self, timeout: float) -> None:  # expect: PC410
        if self.out is not None:
            self.out.flush()


def new() -> Plugin:
    return Journal()
