"""init() adds the instance to a WeakSet, but the slotted class leaves no __weakref__."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from plugapi import Plugin

_LIVE: weakref.WeakSet[Worker] = weakref.WeakSet()


class Worker:
    __slots__ = ("greeting",)

    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        _LIVE.add(self)  # expect: PC517
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
