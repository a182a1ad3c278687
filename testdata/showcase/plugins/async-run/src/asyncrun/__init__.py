"""Broken: run() is a coroutine but the host calls it synchronously, so it never runs."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Poller:
    def __init__(self) -> None:
        self.polls = 0

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    async def run(self) -> None:  # expect: PC205
        await asyncio.sleep(0)
        self.polls += 1

    def shutdown(self, timeout: float) -> None:
        self.polls = 0


def new() -> Plugin:
    return Poller()


__all__ = ["new"]
