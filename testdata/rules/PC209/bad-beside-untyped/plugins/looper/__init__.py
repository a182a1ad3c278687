"""A plugin whose legacy helper module mypy cannot analyse."""  # expect: PC209

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

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
