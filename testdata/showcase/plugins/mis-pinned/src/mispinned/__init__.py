"""Requires API 3.x, but the host ships 2.1.0: pip would refuse it or change the host's API (background.md: Versions)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Counter:
    def __init__(self) -> None:
        self._greeting = ""
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        self.count += len(self._greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Counter()
