"""run() drives a coroutine that calls asyncio.run() itself, inside the running event loop
(RuntimeError), and shutdown() enters an AsyncExitStack with a plain `with` (TypeError)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    async def _outer(self) -> int:
        return asyncio.run(self._inner())

    async def _inner(self) -> int:
        return len(self.greeting)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = asyncio.run(self._outer())  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        with contextlib.AsyncExitStack():  # expect: PC517
            self.greeting = ""


def new() -> Plugin:
    return Worker()
