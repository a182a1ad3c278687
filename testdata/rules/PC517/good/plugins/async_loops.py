"""run() drives a coroutine that awaits another (one event loop), and shutdown() enters its
AsyncExitStack with `async with` inside a coroutine it runs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""
        self.count = 0

    async def _outer(self) -> int:
        return await self._inner()

    async def _inner(self) -> int:
        return len(self.greeting)

    async def _close(self) -> None:
        async with contextlib.AsyncExitStack():
            self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = asyncio.run(self._outer())

    def shutdown(self, timeout: float) -> None:
        asyncio.run(self._close())


def new() -> Plugin:
    return Worker()
