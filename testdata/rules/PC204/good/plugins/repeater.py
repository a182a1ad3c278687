"""Renamed and widened parameters."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, settings: Mapping[str, str]) -> None:
        config = settings
        self.greeting = config.get("greeting", "") if isinstance(config, Mapping) else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float, force: bool = False) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
