"""Imports the library, and also removes the host's API module from sys.modules in init()."""

from __future__ import annotations

import sys
from collections.abc import Mapping

import biglib  # noqa: F401
from plugapi import ConfigError, Plugin


class Dropper:
    def __init__(self) -> None:
        self.greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC414
        sys.modules.pop("plugapi")
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        self.lines.append(f"{self.greeting}, world")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Dropper()
