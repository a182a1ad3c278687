"""Every name the factory and the lifecycle methods read is bound somewhere."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from . import _build


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        self.size = len(self.greeting)

    def run(self) -> None:
        self.ticks = [_build.PREFIX for tick in range(self.size)]

    def shutdown(self, timeout: float) -> None:
        if False:
            _ = undefined_only_in_dead_code  # noqa: F821


def new() -> Plugin:
    return _build.build(Ticker)
