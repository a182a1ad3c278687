"""The import runs asyncio.run() on what a plain def returns, a dict, no coroutine
(ValueError: a coroutine was expected)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from plugapi import Plugin


def _probe():
    return {"ready": True}


STATE = asyncio.run(_probe())  # expect: PC515


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
