"""Written against a newer plugapi than the one installed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin, PluginV2  # expect: PC530


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


__all__ = ["PluginV2", "new"]
