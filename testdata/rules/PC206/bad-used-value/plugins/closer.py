"""shutdown returns a str where the host reads a bool."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "") if isinstance(config, Mapping) else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> str:  # expect: PC206
        return "stopped"

    def _reset(self) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
