"""run() runs its async helper to completion with asyncio.run()."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    async def _main(self) -> None:
        await asyncio.sleep(0)

    def run(self) -> Any:
        return asyncio.run(self._main())

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
