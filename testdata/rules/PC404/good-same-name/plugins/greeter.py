"""A plugin whose class has the name of the host's protocol and subclasses it: no copy of it."""

from __future__ import annotations

from collections.abc import Mapping

import plugapi


class Plugin(plugapi.Plugin):
    def __init__(self) -> None:
        self.greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise plugapi.ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        self.lines.append(f"{self.greeting}, world")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> plugapi.Plugin:
    return Plugin()
