"""The import runs asyncio.run() on the coroutine an async def makes: it runs to its end."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from plugapi import Plugin


async def _probe() -> dict[str, bool]:
    return {"ready": True}


STATE = asyncio.run(_probe())


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = len(STATE)

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
