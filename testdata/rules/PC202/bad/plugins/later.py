"""The factory is a coroutine function: the host gets a coroutine."""

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


async def new() -> Plugin:  # expect: PC202
    return Worker()
