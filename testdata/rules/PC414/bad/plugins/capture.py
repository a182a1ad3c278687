"""Captures print() calls by replacing the builtin."""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Capture:
    def __init__(self) -> None:
        self.greeting = ""
        self.lines: list[object] = []

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC414
        self.greeting = config.get("greeting", "")
        if not self.greeting:
            raise ConfigError("greeting must not be empty")
        builtins.print = self.lines.append

    def run(self) -> None:
        self.lines.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Capture()
