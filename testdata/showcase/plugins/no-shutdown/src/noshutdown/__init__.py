"""Broken: the plugin object has no shutdown() (Go: the type lacks a method of the interface)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Ticker:  # expect: PC203
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        self.ticks += 1


def new() -> Plugin:
    return Ticker()


__all__ = ["new"]
