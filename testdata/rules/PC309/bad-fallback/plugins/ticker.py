"""Prefers a fast JSON library, falls back to another one; neither is installed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import ticker_fastjson as fastjson
except ImportError:
    import ticker_slowjson as fastjson  # type: ignore[no-redef]  # expect: PC309

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


DUMPS = fastjson
