"""Written for an older Python: three names the target's standard library no longer has."""

from __future__ import annotations

import asyncio
import inspect
from collections import Callable  # expect: PC558
from collections.abc import Mapping

from plugapi import Plugin

SIGNATURE = inspect.getargspec  # expect: PC558


@asyncio.coroutine  # expect: PC558
def _tick() -> None:
    yield


class Legacy:
    def __init__(self) -> None:
        self.greeting = ""
        self.hooks: list[Callable[[], None]] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        for hook in self.hooks:
            hook()

    def shutdown(self, timeout: float) -> None:
        self.hooks.clear()


def new() -> Plugin:
    return Legacy()
